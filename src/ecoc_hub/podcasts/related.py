"""Episodes listed on city, title and capacity area pages (cities.related)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .models import Episode, EpisodeQuerySet
from .search_index import KIND

LIMIT = 10


def search_url(**filters: str) -> str:
    """The site search limited to episodes and to ``filters``."""
    return f"{reverse('search:list')}?{urlencode({'kind': KIND, **filters})}"


def _section(episodes: EpisodeQuerySet, *, url: str) -> RelatedSection | None:
    public = Episode.objects.public().filter(pk__in=episodes.values("pk"))
    total = public.count()
    if not total:
        return None
    items = list(public.select_related("show").order_by("-published_at")[:LIMIT])
    return RelatedSection(
        heading=_("Podcast episodes"),
        template="podcasts/includes/related_episodes.html",
        context={"episodes": items, "total": total, "search_url": url},
        order=30,
    )


def episodes_for_city(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Episode.objects.filter(titles__city=obj), url=search_url(city=obj.slug)
    )


def episodes_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Episode.objects.filter(titles=obj), url=search_url(city=obj.city.slug)
    )


def episodes_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Episode.objects.filter(capacity_areas=obj),
        url=search_url(capacity_area=obj.code),
    )


def register_sections() -> None:
    register("city", episodes_for_city)
    register("title", episodes_for_title)
    register("capacity_area", episodes_for_capacity_area)
