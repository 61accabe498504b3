from django.urls import path, register_converter

from . import views


class Sha256Converter:
    regex = "[0-9a-f]{64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(Sha256Converter, "sha256")

app_name = "podcasts"

urlpatterns = [
    path("", views.show_list, name="list"),
    path("manage/", views.manage, name="manage"),
    path("manage/shows/new/", views.show_form, name="show_create"),
    path("manage/shows/<int:pk>/", views.show_form, name="show_edit"),
    path(
        "manage/shows/<int:show_pk>/seasons/new/",
        views.season_form,
        name="season_create",
    ),
    path(
        "manage/shows/<int:show_pk>/seasons/<int:pk>/",
        views.season_form,
        name="season_edit",
    ),
    path(
        "manage/shows/<int:show_pk>/episodes/new/",
        views.episode_form,
        name="episode_create",
    ),
    path(
        "manage/shows/<int:show_pk>/episodes/<int:pk>/",
        views.episode_form,
        name="episode_edit",
    ),
    path(
        "manage/shows/<int:show_pk>/episodes/<int:pk>/delete/",
        views.episode_delete,
        name="episode_delete",
    ),
    path("audio/<sha256:sha256>.<str:ext>", views.audio, name="audio"),
    path("artwork/<sha256:sha256>.<str:ext>", views.artwork, name="artwork"),
    path("episodes/<uuid:guid>/transcript.vtt", views.transcript, name="transcript"),
    path("episodes/<uuid:guid>/chapters.json", views.chapters, name="chapters"),
    path("<slug:slug>/", views.show_detail, name="show"),
    path("<slug:slug>/feed.xml", views.feed, name="feed"),
    path("<slug:slug>/<slug:episode_slug>/", views.episode_detail, name="episode"),
]
