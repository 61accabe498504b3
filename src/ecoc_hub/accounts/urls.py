from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/<int:pk>/", views.profile, name="profile"),
    path("teams/<slug:slug>/", views.team, name="team"),
]
