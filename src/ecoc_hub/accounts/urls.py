from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("language/", views.set_language, name="set_language"),
    path("people/<int:pk>/", views.profile, name="profile"),
    path("people/<int:pk>/photo/", views.profile_photo, name="profile_photo"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<slug:slug>/", views.team, name="team"),
    path("teams/<slug:slug>/edit/", views.team_edit, name="team_edit"),
    path("teams/<slug:slug>/invite/", views.team_invite, name="team_invite"),
    path("teams/<slug:slug>/join/", views.team_join, name="team_join"),
    path(
        "teams/<slug:slug>/requests/<int:pk>/",
        views.join_request_decide,
        name="join_request_decide",
    ),
    path(
        "teams/<slug:slug>/members/<int:pk>/remove/",
        views.team_remove_member,
        name="team_remove_member",
    ),
    path(
        "teams/<slug:slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "teams/<slug:slug>/invitations/<int:pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/export/", views.privacy_export, name="privacy_export"),
    path(
        "privacy/export/files/",
        views.privacy_export_files,
        name="privacy_export_files",
    ),
    path("privacy/delete/", views.delete_account, name="delete_account"),
]
