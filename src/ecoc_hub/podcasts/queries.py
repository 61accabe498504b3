"""Reads shared by views, the feed and the search index."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Episode, Person, Show, State
from .permissions import can_manage_podcasts


def shows_for_user(user: Any) -> QuerySet[Show]:
    """Shows with the number of episodes the user can see, in one query."""
    if can_manage_podcasts(user):
        return Show.objects.annotate(episode_count=Count("episodes"))
    visible = Q(
        episodes__state=State.PUBLISHED,
        episodes__published_at__lte=timezone.now(),
    )
    return Show.objects.public().annotate(
        episode_count=Count("episodes", filter=visible)
    )


def episodes_for_user(show: Show, user: Any) -> QuerySet[Episode]:
    episodes = show.episodes.select_related("season")
    if not can_manage_podcasts(user):
        episodes = episodes.public()
    if show.show_type == Show.Type.SERIAL:
        return episodes.order_by("season__number", "number", "published_at", "pk")
    return episodes.order_by("-published_at", "-pk")


def listed_shows() -> QuerySet[Show]:
    """Published shows in a stable order for paging (the API's list)."""
    return Show.objects.public().order_by("title", "pk")


def public_show(slug: str) -> Show | None:
    return Show.objects.public().filter(slug=slug).first()


def listed_episodes(show: Show) -> QuerySet[Episode]:
    """A show's published episodes, newest first (the API's list)."""
    return show.episodes.public().order_by("-published_at", "-pk")


def feed_episodes(show: Show) -> list[Episode]:
    episodes = (
        show.episodes.public()
        .select_related("season")
        .prefetch_related(
            Prefetch("people", queryset=Person.objects.order_by("position"))
        )
        .order_by("-published_at", "-pk")
    )
    result = list(episodes)
    for episode in result:
        episode.show = show  # spare a query per item for get_absolute_url
    return result
