from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("applications/<uuid:uuid>/", views.application_detail, name="application"),
    path(
        "applications/<uuid:uuid>/<str:action>/",
        views.application_action,
        name="application_action",
    ),
    path("me/", views.dashboard, name="dashboard"),
    path("me/calendar/new/", views.new_feed_token, name="new_feed_token"),
    path("calendar/<str:token>.ics", views.personal_feed, name="feed"),
    path("sessions/<uuid:uuid>.ics", views.session_ics, name="session_ics"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
]
