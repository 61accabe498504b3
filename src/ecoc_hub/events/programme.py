"""Writes of an event's programme: sessions and their speakers.

Every change to a session raises its RFC 5545 ``SEQUENCE`` (and its
``updated_at``, the ``DTSTAMP``), so a calendar app that already holds the
session replaces it with the changed one; the UID never changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from ecoc_hub.library.models import Resource

from .models import Event, Session, Speaker

SESSION_FIELDS = {
    "title",
    "starts_at",
    "ends_at",
    "room",
    "online_url",
    "description",
}


def _reindex(event: Event) -> None:
    from .search_index import index_event

    index_event(event)


@transaction.atomic
def update_session(
    *,
    session: Session,
    speakers: Iterable[Speaker] | None = None,
    materials: Iterable[Resource] | None = None,
    **changes: Any,
) -> Session:
    """Change a session; a real change (of a field, its speakers or its
    materials) raises its iCalendar SEQUENCE, so a calendar that already has
    it replaces it."""
    unknown = set(changes) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    locked = Session.objects.select_for_update().get(pk=session.pk)
    changed = [k for k, v in changes.items() if getattr(locked, k) != v]
    relations = False
    for name, chosen in (("speakers", speakers), ("materials", materials)):
        if chosen is None:
            continue
        objects = list(chosen)
        manager = getattr(locked, name)
        if {o.pk for o in objects} != set(manager.values_list("pk", flat=True)):
            manager.set(objects)
            relations = True
    if not changed and not relations:
        return locked
    for name in changed:
        setattr(locked, name, changes[name])
    locked.full_clean(exclude=["event"])
    locked.sequence += 1
    locked.save(update_fields=[*changed, "sequence", "updated_at"])
    _reindex(locked.event)
    return locked


@transaction.atomic
def create_session(
    *,
    event: Event,
    speakers: Iterable[Speaker] = (),
    materials: Iterable[Resource] = (),
    **fields: Any,
) -> Session:
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    session = Session(event=event, **fields)
    session.full_clean(exclude=["event"])
    session.save()
    session.speakers.set(list(speakers))
    session.materials.set(list(materials))
    _reindex(event)
    return session


@transaction.atomic
def delete_session(*, session: Session) -> None:
    """Gone from the programme and from every feed at the next refresh."""
    event = session.event
    session.delete()
    _reindex(event)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:160] or "speaker"
    slug, n = base, 2
    while Speaker.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_speaker(
    *, name: str, affiliation: str = "", bio: str = "", is_public: bool = True
) -> Speaker:
    speaker = Speaker(
        name=name.strip(),
        slug=_unique_slug(name),
        affiliation=affiliation.strip(),
        bio=bio.strip(),
        is_public=is_public,
    )
    speaker.full_clean()
    speaker.save()
    return speaker
