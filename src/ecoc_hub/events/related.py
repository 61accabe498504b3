"""Events listed on city, title and capacity area pages (cities.related)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .enums import Visibility
from .models import Event

LIMIT = 8


def _section(events: QuerySet[Event], *, url: str) -> RelatedSection | None:
    public = events.exclude(visibility=Visibility.DRAFT)
    total = public.count()
    if not total:
        return None
    return RelatedSection(
        heading=_("Academy Camps and webinars"),
        template="events/includes/related_events.html",
        context={
            "events": list(public.order_by("-starts_at")[:LIMIT]),
            "total": total,
            "list_url": url,
        },
        order=40,
    )


def events_for_city(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Event.objects.filter(host_title__city=obj), url=reverse("events:list")
    )


def events_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(Event.objects.filter(host_title=obj), url=reverse("events:list"))


def events_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(
        Event.objects.filter(capacity_areas=obj),
        url=f"{reverse('events:list')}?when=past&area={obj.code}",
    )


def register_sections() -> None:
    register("city", events_for_city)
    register("title", events_for_title)
    register("capacity_area", events_for_capacity_area)
