from django.urls import path

from .views import (
    directory,
    discussions,
    dsa,
    following,
    moderation,
    notifications,
    peers,
)

app_name = "community"

urlpatterns = [
    path("", discussions.index, name="index"),
    path("spaces/new/", discussions.space_create, name="space_create"),
    path("spaces/<slug:slug>/", discussions.space, name="space"),
    path("spaces/<slug:slug>/edit/", discussions.space_edit, name="space_edit"),
    path("spaces/<slug:slug>/follow/", following.space_follow, name="space_follow"),
    path("spaces/<slug:slug>/new/", discussions.thread_create, name="thread_create"),
    path("teams/<slug:slug>/", discussions.team_space, name="team_space"),
    path("events/<slug:slug>/", discussions.event_space, name="event_space"),
    path("courses/<slug:slug>/", discussions.course_space, name="course_space"),
    path("threads/<int:pk>/", discussions.thread, name="thread"),
    path("threads/<int:pk>/reply/", discussions.reply, name="reply"),
    path("threads/<int:pk>/follow/", following.thread_follow, name="thread_follow"),
    path("threads/<int:pk>/answer/", following.thread_answer, name="thread_answer"),
    path(
        "threads/<int:pk>/moderate/", moderation.thread_moderate, name="thread_moderate"
    ),
    path("threads/<int:pk>/move/", moderation.thread_move, name="thread_move"),
    path("posts/<int:pk>/edit/", discussions.post_edit, name="post_edit"),
    path(
        "attachments/<int:pk>/<path:name>",
        discussions.attachment,
        name="attachment",
    ),
    path("posts/<int:pk>/history/", discussions.post_history, name="post_history"),
    path("posts/<int:pk>/moderate/", moderation.post_moderate, name="post_moderate"),
    path("posts/<int:pk>/hide/", moderation.post_hide, name="post_hide"),
    path("posts/<int:pk>/report/", dsa.report, name="report"),
    path("moderation/", moderation.queue, name="queue"),
    path("notices/<int:pk>/", dsa.notice, name="notice"),
    path("statements/<int:pk>/", dsa.statement, name="statement"),
    path("statements/<int:pk>/appeal/", dsa.appeal, name="appeal"),
    path("appeals/<int:pk>/decide/", dsa.appeal_decide, name="appeal_decide"),
    path("transparency/", dsa.transparency_page, name="transparency"),
    path("notifications/", notifications.notifications, name="notifications"),
    path(
        "notifications/settings/",
        following.notification_settings,
        name="notification_settings",
    ),
    path("unsubscribe/<str:token>/", following.unsubscribe, name="unsubscribe"),
    path("directory/", directory.teams, name="directory"),
    path("directory/people/", directory.people, name="directory_people"),
    path("directory/me/", directory.me, name="directory_me"),
    path("peer/", peers.peer_requests, name="peer_requests"),
    path("peer/new/", peers.peer_request_new, name="peer_request_new"),
    path("peer/suggestions/<slug:slug>/", peers.suggestions, name="suggestions"),
    path("peer/<uuid:uuid>/", peers.peer_request, name="peer_request"),
    path("peer/<uuid:uuid>/feedback/", peers.peer_feedback, name="peer_feedback"),
    path(
        "peer/<uuid:uuid>/<slug:action>/",
        peers.peer_request_act,
        name="peer_request_act",
    ),
]
