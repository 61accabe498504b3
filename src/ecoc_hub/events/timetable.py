"""The programme as days of sessions, in the event's zone and, on request,
the reader's."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cache

from django.templatetags.tz import do_timezone
from django.utils import timezone

from .models import Event, Session

# The regions of the tz database's canonical "Region/City" names. Its old
# aliases ("Egypt", "Poland", "US/Eastern", "EST5EDT") still work in ``?tz=``
# but are not offered: they read as untranslated country names in the menu.
_REGIONS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


@cache
def zone_names() -> tuple[str, ...]:
    """The zones offered in the programme's menu: UTC and "Region/City"."""
    return tuple(
        sorted(
            name
            for name in _known_zones()
            if name == "UTC" or (name.split("/", 1)[0] in _REGIONS and "/" in name)
        )
    )


def reader_zone(value: str | None) -> tzinfo | None:
    """``?tz=Europe/Lisbon`` as a zone, or None when absent or unknown."""
    if value and value in _known_zones():
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
    """``moment`` in ``zone``, and kept there in templates.

    Templates turn an aware datetime into the site's zone before ``|date``
    and ``|time``; the result of the tz library's ``|timezone`` filter is
    exempt, so the event's (or reader's) times are not shown in Brussels
    time beside the event's zone name.
    """
    shown = do_timezone(timezone.localtime(moment, zone), zone)
    assert isinstance(shown, datetime)  # noqa: S101
    return shown


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
