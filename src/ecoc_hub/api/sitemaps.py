"""/sitemap.xml: public cities, titles, library resources and podcasts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from ecoc_hub.cities.models import City, Title
from ecoc_hub.library.models import Resource


class ResourceSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self) -> QuerySet[Resource]:
        # Public, published records: their landing pages are open to all,
        # embargoed or not (the embargo closes only the files).
        return Resource.objects.filter(
            state=Resource.State.PUBLISHED, access=Resource.Access.PUBLIC
        ).order_by("pk")

    def lastmod(self, item: Resource) -> dt.datetime:
        return item.updated_at


class CitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[City]:
        return (
            City.objects.filter(titles__status__in=_public_statuses())
            .distinct()
            .annotate(last_resource=Max("titles__resources__updated_at"))
            .order_by("slug")
        )

    def lastmod(self, item: Any) -> dt.datetime | None:
        return item.last_resource


class TitleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Title]:
        return (
            Title.objects.filter(status__in=_public_statuses())
            .select_related("city")
            .annotate(last_resource=Max("resources__updated_at"))
            .order_by("year", "city__slug")
        )

    def lastmod(self, item: Any) -> dt.datetime | None:
        return item.last_resource


def _public_statuses() -> list[str]:
    return [s for s in Title.Status.values if s != Title.Status.UNVERIFIED]


def _podcast_sitemaps() -> dict[str, type[Sitemap]]:
    if not apps.is_installed("ecoc_hub.podcasts"):
        return {}
    from ecoc_hub.podcasts.models import Episode, Show

    class ShowSitemap(Sitemap):
        changefreq = "weekly"

        def items(self) -> QuerySet[Show]:
            return Show.objects.public().order_by("pk")

        def lastmod(self, item: Show) -> dt.datetime:
            return item.updated_at

    class EpisodeSitemap(Sitemap):
        changefreq = "monthly"

        def items(self) -> QuerySet[Episode]:
            return Episode.objects.public().select_related("show").order_by("pk")

        def lastmod(self, item: Episode) -> dt.datetime:
            return item.updated_at

    return {"podcast-shows": ShowSitemap, "podcast-episodes": EpisodeSitemap}


def sitemaps() -> dict[str, type[Sitemap]]:
    return {
        "cities": CitySitemap,
        "titles": TitleSitemap,
        "resources": ResourceSitemap,
        **_podcast_sitemaps(),
    }
