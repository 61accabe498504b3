"""Upcoming events and webinars on a capacity area, offered to the
self-assessment's recommendations (``cities.offers``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecoc_hub.cities.offers import Offer, register

from .enums import Visibility
from .queries import visible_events


def upcoming_events(*, area: Any, user: Any, limit: int) -> list[Offer]:
    now = timezone.now()
    events = (
        visible_events(user)
        # Published only: an organiser's draft is not something to attend yet.
        .filter(
            capacity_areas=area,
            ends_at__gte=now,
            is_cancelled=False,
            visibility=Visibility.PUBLISHED,
        )
        .prefetch_related("capacity_areas")
        .order_by("starts_at")[:limit]
    )
    found = []
    for event in events:
        is_open = event.applications_open(now)
        starts = date_format(timezone.localtime(event.starts_at, event.zone))
        if is_open:
            reason = _("%(kind)s on %(area)s on %(date)s; applications are open.") % {
                "kind": event.get_kind_display(),
                "area": area.display_name,
                "date": starts,
            }
        else:
            reason = _("%(kind)s on %(area)s on %(date)s.") % {
                "kind": event.get_kind_display(),
                "area": area.display_name,
                "date": starts,
            }
        found.append(
            Offer(
                kind="event",
                key=str(event.uuid),
                title=event.title,
                url=event.get_absolute_url(),
                reason=reason,
                specificity=1 / max(1, len(event.capacity_areas.all())),
                quality=1.0 if is_open else 0.4,
                detail=f"{event.get_kind_display()} · {starts}",
            )
        )
    return found


def register_offers() -> None:
    register("event", upcoming_events)
