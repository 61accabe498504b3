"""Writes of the organisers' pages: creating and editing an event, its
organisers and its visibility (on the shared workflow, with history)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import Outcome, transition

from . import permissions
from .models import Event

#: What people see of the event's own calendar entry: a change to one of
#: these raises its SEQUENCE, so calendar apps replace the entry.
CALENDAR_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "format",
    "venue_name",
    "venue_address",
    "is_cancelled",
)


#: First path segments of /academy/ that are pages, not events.
RESERVED_SLUGS = {
    "new",
    "me",
    "calendar",
    "sessions",
    "applications",
    "speakers",
    "answers",
}


def _unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "event"
    slug, n = base, 2
    while (
        slug in RESERVED_SLUGS
        or Event.objects.filter(slug=slug).exclude(pk=exclude or 0).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _reindex(event: Event) -> None:
    from .search_index import index_event

    index_event(event)


@transaction.atomic
def create_event(
    *,
    creator: User,
    capacity_areas: Iterable[CapacityArea] = (),
    **fields: Any,
) -> Event:
    """A draft event; its creator is its first organiser."""
    if not permissions.can_create_event(creator):
        raise ActionRefused
    fields.pop("visibility", None)  # only the workflow publishes
    event = Event(**fields)
    event.slug = _unique_slug(event.title)
    event.full_clean()
    event.save()
    event.capacity_areas.set(list(capacity_areas))
    event.organisers.add(creator)
    creator.__dict__.pop("_organised_event_ids", None)
    return event


@transaction.atomic
def update_event(
    *,
    event: Event,
    actor: User,
    capacity_areas: Iterable[CapacityArea] | None = None,
    **changes: Any,
) -> Event:
    """Change an event's fields; a change to what its calendar entry shows
    raises the entry's SEQUENCE."""
    if not permissions.can_manage_event(actor, event):
        raise ActionRefused
    if "visibility" in changes or "sequence" in changes or "slug" in changes:
        raise TypeError("visibility, sequence and slug are not edited here")
    locked = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    before = Event.objects.get(pk=event.pk)
    if any(getattr(before, f) != getattr(locked, f) for f in CALENDAR_FIELDS):
        locked.sequence += 1
    locked.save()
    if capacity_areas is not None:
        locked.capacity_areas.set(list(capacity_areas))
    _reindex(locked)
    return locked


@transaction.atomic
def set_organisers(*, event: Event, actor: User, organisers: Iterable[User]) -> Event:
    """Replace the event's organisers; an organiser cannot remove everyone
    (curators still run every event, so they may)."""
    if not permissions.can_manage_event(actor, event):
        raise ActionRefused
    people = list(organisers)
    event.organisers.set(people)
    for person in [actor, *people]:
        person.__dict__.pop("_organised_event_ids", None)
    return event


def change_visibility(*, event: Event, action: str, actor: User) -> Outcome:
    """Publish, archive or hide an event again (``workflow.VISIBILITY``)."""
    return transition(event, action, actor=actor, field="visibility")
