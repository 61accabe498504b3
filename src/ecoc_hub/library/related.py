"""Resources listed on city, title and capacity area pages (cities.related)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .models import Resource
from .queries import visible_resources
from .search_index import KIND

LIMIT = 10


def search_url(**filters: str) -> str:
    """The site search limited to the library and to ``filters``."""
    return f"{reverse('search:list')}?{urlencode({'kind': KIND, **filters})}"


def _section(
    resources: QuerySet[Resource], *, user: Any, url: str
) -> RelatedSection | None:
    # Published only, even for their owner or a curator: a directory page
    # lists what the hub holds, not work in progress.
    published = visible_resources(user).filter(
        pk__in=resources.values("pk"), state=Resource.State.PUBLISHED
    )
    total = published.count()
    if not total:
        return None
    items = list(published.order_by("-publication_year", "title")[:LIMIT])
    return RelatedSection(
        heading=_("Library resources"),
        template="library/includes/related_resources.html",
        context={"resources": items, "total": total, "search_url": url},
        order=20,
    )


def resources_for_city(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Resource.objects.filter(titles__city=obj),
        user=user,
        url=search_url(city=obj.slug),
    )


def resources_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Resource.objects.filter(titles=obj),
        user=user,
        url=search_url(city=obj.city.slug),
    )


def resources_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Resource.objects.filter(capacity_areas=obj),
        user=user,
        url=search_url(capacity_area=obj.code),
    )


def register_sections() -> None:
    register("city", resources_for_city)
    register("title", resources_for_title)
    register("capacity_area", resources_for_capacity_area)
