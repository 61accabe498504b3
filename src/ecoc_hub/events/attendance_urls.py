from django.urls import path

from . import attendance_views as views

app_name = "attendance"

urlpatterns = [
    path("check-in/<str:token>/", views.checkin_by_ticket, name="checkin"),
    path("sessions/<uuid:uuid>/check-in/", views.session_checkin, name="session"),
    path("<slug:slug>/ticket/", views.ticket, name="ticket"),
    path("<slug:slug>/certificates/", views.event_certificates, name="certificates"),
]
