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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as VEvent

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


def personal_calendar(name: str, sessions: Iterable[Session]) -> bytes:
    """A participant's feed: every session of the events they are accepted to,
    with the online links."""
    sessions = list(sessions)
    calendar = _calendar(name)
    for session in sessions:
        calendar.add_component(_session_vevent(session, with_links=True))
    return _finish(
        calendar, [s.starts_at for s in sessions] + [s.ends_at for s in sessions]
    )
