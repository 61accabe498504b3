"""RFC 5545 calendars of events and sessions, built with ``icalendar``.

- UIDs are built from the session's (or event's) UUID, so they never change
  when a session is edited, moved or renamed;
- ``SEQUENCE`` is the session's revision, raised by ``update_session`` (the
  event's own, by ``organising.update_event`` when its dates, title or place
  change), and
  ``DTSTAMP``/``LAST-MODIFIED`` its last change, so a calendar app that has
  the session replaces it with the moved one;
- times are written in the event's zone (``TZID``) with one ``VTIMEZONE``
  per zone used, covering only the years the calendar's sessions fall in;
- ``URL`` leads back to the page. Online links are written only into the
  personal feed of an accepted participant.

A personal feed is rebuilt whenever one of its sessions changes, and most of
its sessions have not: each session's built ``VEVENT`` is kept in the
process (``_VEVENTS``, keyed by everything it is written from: the
session's and its event's revision and last change), and each zone's
``VTIMEZONE`` for a span of years too, so that moving one session builds
one ``VEVENT``, not two hundred. Both are written by ``icalendar``; the
feed is the library's own calendar with the kept components in it, byte for
byte what building it whole gives (tested).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, vText
from icalendar import Event as VEvent
from icalendar.timezone import tzid_from_dt

from .models import Event, Session

PRODID = "-//ECoC Hub//Academy//EN"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "ecoc-hub.invalid"


def session_uid(session: Session) -> str:
    return f"session-{session.uuid}@{_domain()}"


def event_uid(event: Event) -> str:
    return f"event-{event.uuid}@{_domain()}"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _local(moment: datetime, event: Event) -> datetime:
    return timezone.localtime(moment, event.zone)


def _location(event: Event, room: str) -> str:
    parts = [room, event.venue_name] if event.has_venue else [room]
    return ", ".join(p for p in parts if p)


def _session_vevent(session: Session, *, with_links: bool) -> VEvent:
    event = session.event
    vevent = VEvent()
    vevent.add("uid", session_uid(session))
    vevent.add("dtstamp", session.updated_at)
    vevent.add("last-modified", session.updated_at)
    vevent.add("sequence", session.sequence)
    vevent.add("summary", f"{session.title} · {event.title}")
    vevent.add("dtstart", _local(session.starts_at, event))
    vevent.add("dtend", _local(session.ends_at, event))
    vevent.add("url", settings.SITE_URL + session.get_absolute_url())
    description = session.description
    online = session.online_url or event.online_url
    if with_links and online and event.is_online:
        description = f"{description}\n\n{online}".strip()
        vevent.add("conference", online, parameters={"value": "URI"})
    if description:
        vevent.add("description", description)
    if location := _location(event, session.room):
        vevent.add("location", vText(location))
    if event.is_cancelled:
        vevent.add("status", "CANCELLED")
    return vevent


def _event_vevent(event: Event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", _local(event.starts_at, event))
    vevent.add("dtend", _local(event.ends_at, event))
    vevent.add("url", settings.SITE_URL + event.get_absolute_url())
    if event.summary:
        vevent.add("description", event.summary)
    if location := _location(event, ""):
        vevent.add("location", vText(location))
    if event.is_cancelled:
        vevent.add("status", "CANCELLED")
    return vevent


def _finish(calendar: Calendar, moments: Iterable[datetime]) -> bytes:
    moments = list(moments)
    if moments:
        first = min(moments).date()
        last = max(moments).date()
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
    return calendar.to_ical()


def event_calendar(
    event: Event, sessions: Iterable[Session], *, with_links: bool = False
) -> bytes:
    """The whole programme, or the event itself when it has no sessions;
    ``with_links`` for a participant's copy (the online links)."""
    sessions = list(sessions)
    calendar = _calendar(event.title)
    if sessions:
        for session in sessions:
            calendar.add_component(_session_vevent(session, with_links=with_links))
        moments = [s.starts_at for s in sessions] + [s.ends_at for s in sessions]
    else:
        calendar.add_component(_event_vevent(event))
        moments = [event.starts_at, event.ends_at]
    return _finish(calendar, moments)


def session_calendar(session: Session) -> bytes:
    calendar = _calendar(session.title)
    calendar.add_component(_session_vevent(session, with_links=False))
    return _finish(calendar, [session.starts_at, session.ends_at])


#: How many built ``VEVENT``s a process keeps (about a kilobyte each): the
#: sessions of a few hundred participants' feeds.
VEVENTS_KEPT = 20_000

_VEVENTS: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
_VEVENTS_LOCK = threading.Lock()


def _vevent_key(session: Session, *, with_links: bool) -> tuple[object, ...]:
    """Everything a session's ``VEVENT`` is written from: a save of the
    session or of its event changes its ``updated_at`` (``auto_now``)."""
    event = session.event
    return (
        session.pk,
        session.sequence,
        session.updated_at,
        event.pk,
        event.sequence,
        event.updated_at,
        with_links,
        settings.SITE_URL,
    )


def _kept_vevent(session: Session, *, with_links: bool) -> bytes:
    key = _vevent_key(session, with_links=with_links)
    with _VEVENTS_LOCK:
        built = _VEVENTS.get(key)
        if built is not None:
            _VEVENTS.move_to_end(key)
            return built
    built = _session_vevent(session, with_links=with_links).to_ical()
    with _VEVENTS_LOCK:
        _VEVENTS[key] = built
        while len(_VEVENTS) > VEVENTS_KEPT:
            _VEVENTS.popitem(last=False)
    return built


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The zone's ``VTIMEZONE`` from 1 January of ``first_year`` to the
    following year's end, as ``Calendar.add_missing_timezones`` writes it."""
    try:
        zone = Timezone.from_tzid(
            tzid,
            first_date=date(first_year, 1, 1),
            last_date=date(last_year + 1, 1, 1),
        )
    except ValueError:  # a zone icalendar does not know: none, as the library does
        return b""
    return zone.to_ical()


_END = b"END:VCALENDAR\r\n"


def personal_calendar(name: str, sessions: Iterable[Session]) -> bytes:
    """A participant's feed: every session of the events they are accepted to,
    with the online links."""
    sessions = list(sessions)
    head = _calendar(name).to_ical()
    if not head.endswith(_END):  # pragma: no cover - the library's own format
        raise ValueError("unexpected iCalendar output")
    parts = [head[: -len(_END)]]
    if sessions:
        moments = [s.starts_at for s in sessions] + [s.ends_at for s in sessions]
        first, last = min(moments).year, max(moments).year
        # Every zone the sessions are written in (UTC needs none), in a
        # fixed order.
        zones = {tzid_from_dt(_local(s.starts_at, s.event)) for s in sessions}
        for tzid in sorted(z for z in zones if z and z != "UTC"):
            parts.append(_vtimezone(tzid, first, last))
        parts.extend(_kept_vevent(s, with_links=True) for s in sessions)
    parts.append(_END)
    return b"".join(parts)
