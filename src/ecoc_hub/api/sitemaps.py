"""/sitemap.xml: public cities, titles, library resources and podcasts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from ecoc_hub.cities.models import City, Title
from ecoc_hub.library.models import Resource


class Sitemap(DjangoSitemap):
    """Addresses from SITE_URL, as OAI-PMH, feeds and landing pages use,
    rather than the sites framework's domain."""

    def get_urls(self, page: Any = 1, site: Any = None, protocol: Any = None) -> Any:
        public = urlsplit(settings.SITE_URL)
        return super().get_urls(
            page=page,
            site=cast(Any, SimpleNamespace(domain=public.netloc)),
            protocol=public.scheme,
        )


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


def _event_sitemaps() -> dict[str, type[Sitemap]]:
    if not apps.is_installed("ecoc_hub.events"):
        return {}
    from ecoc_hub.events.models import Event

    class EventSitemap(Sitemap):
        changefreq = "weekly"

        def items(self) -> QuerySet[Event]:
            return Event.objects.exclude(visibility="draft").order_by("pk")

        def lastmod(self, item: Event) -> dt.datetime:
            return item.updated_at

    return {"events": EventSitemap}


def _course_sitemaps() -> dict[str, type[Sitemap]]:
    if not apps.is_installed("ecoc_hub.courses"):
        return {}
    from ecoc_hub.courses.models import Course

    class CourseSitemap(Sitemap):
        changefreq = "weekly"

        def items(self) -> QuerySet[Course]:
            return Course.objects.exclude(state="draft").order_by("pk")

        def lastmod(self, item: Course) -> dt.datetime:
            return item.updated_at

    return {"courses": CourseSitemap}


def index(request: HttpRequest, sitemaps: dict[str, Any]) -> TemplateResponse:
    """The sitemap index, with SITE_URL addresses and each section's lastmod."""
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        url = settings.SITE_URL + reverse("api:sitemap_section", args=[section])
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(url, lastmod))
        items += [
            SitemapIndexItem(f"{url}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )


def sitemaps() -> dict[str, type[Sitemap]]:
    return {
        "cities": CitySitemap,
        "titles": TitleSitemap,
        "resources": ResourceSitemap,
        **_podcast_sitemaps(),
        **_event_sitemaps(),
        **_course_sitemaps(),
    }
