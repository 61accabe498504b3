"""The programme as days of sessions, in the event's zone and, on request,
the reader's."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cache

from django.utils import timezone

from .models import Event, Session


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones() - {"localtime", "Factory"}))


def reader_zone(value: str | None) -> tzinfo | None:
    """``?tz=Europe/Lisbon`` as a zone, or None when absent or unknown."""
    if value and value in zone_names():
        return zoneinfo.ZoneInfo(value)
    return None


@dataclass
class Slot:
    session: Session
    starts: datetime
    ends: datetime
    reader_starts: datetime | None = None
    reader_ends: datetime | None = None


@dataclass
class Day:
    day: date
    slots: list[Slot] = field(default_factory=list)


def local(moment: datetime, zone: tzinfo) -> datetime:
    return timezone.localtime(moment, zone)


def days(event: Event, sessions: list[Session], reader: tzinfo | None) -> list[Day]:
    zone = event.zone
    result: list[Day] = []
    for session in sessions:
        slot = Slot(
            session, local(session.starts_at, zone), local(session.ends_at, zone)
        )
        if reader is not None:
            slot.reader_starts = local(session.starts_at, reader)
            slot.reader_ends = local(session.ends_at, reader)
        if not result or result[-1].day != slot.starts.date():
            result.append(Day(slot.starts.date()))
        result[-1].slots.append(slot)
    return result
