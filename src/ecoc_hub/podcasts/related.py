"""Episodes listed on city, title and capacity area pages (cities.related)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .models import Episode, EpisodeQuerySet

LIMIT = 10


def _section(episodes: EpisodeQuerySet) -> RelatedSection | None:
    items = list(
        episodes.public()
        .select_related("show")
        .distinct()
        .order_by("-published_at")[:LIMIT]
    )
    if not items:
        return None
    return RelatedSection(
        heading=_("Podcast episodes"),
        template="podcasts/includes/related_episodes.html",
        context={"episodes": items},
        order=30,
    )


def episodes_for_city(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(Episode.objects.filter(titles__city=obj))


def episodes_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(Episode.objects.filter(titles=obj))


def episodes_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(Episode.objects.filter(capacity_areas=obj))


def register_sections() -> None:
    register("city", episodes_for_city)
    register("title", episodes_for_title)
    register("capacity_area", episodes_for_capacity_area)
