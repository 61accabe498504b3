"""Cohort courses (issue 14): live sessions that are events webinars, and
modules released and due on dates counted from the course's start.

The webinars stay the events app's: their pages, registration, calendar
files and time formatting (``events.timetable``) are used as they are; this
module only reads them (``events.queries``, ``events.permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.events import permissions as event_permissions
from ecoc_hub.events import queries as event_queries
from ecoc_hub.events import timetable
from ecoc_hub.events.enums import ApplicationState, Kind
from ecoc_hub.events.models import Application, Event, Session

from .models import Course, LiveSession

#: The session key of the zone a reader chose for live sessions' times.
ZONE_KEY = "courses_reader_zone"


def webinars_to_link(user: Any, course: Course) -> QuerySet[Event]:
    """The webinars a trainer may link: visible to them, not cancelled, not
    linked to this course yet; the coming ones first."""
    return (
        event_queries.visible_events(user)
        .filter(kind=Kind.WEBINAR, is_cancelled=False)
        .exclude(pk__in=course.live_sessions.values("event_id"))
        .order_by("-starts_at")
    )


@transaction.atomic
def link_webinar(*, course: Course, event: Event) -> LiveSession:
    """Add a webinar at the end of a cohort course's live sessions."""
    Course.objects.select_for_update().get(pk=course.pk)
    if not course.is_cohort:
        raise TransitionError(
            _("Only a cohort course has live sessions."), code="not_cohort"
        )
    if event.kind != Kind.WEBINAR:
        raise TransitionError(_("Only a webinar can be a live session."), code="kind")
    if course.live_sessions.filter(event=event).exists():
        raise TransitionError(_("This webinar is linked already."), code="linked")
    highest = course.live_sessions.aggregate(m=Max("position"))["m"]
    return LiveSession.objects.create(
        course=course, event=event, position=0 if highest is None else highest + 1
    )


@transaction.atomic
def unlink_webinar(*, link: LiveSession) -> None:
    """Remove the link; the webinar itself is untouched."""
    link.delete()


@dataclass
class LiveRow:
    """A linked webinar as a reader sees it, in the event's zone and in the
    reader's (when they chose one)."""

    event: Event
    starts: datetime
    ends: datetime
    reader_starts: datetime | None
    reader_ends: datetime | None
    days: list[timetable.Day] = field(default_factory=list)
    application: Application | None = None
    can_register: bool = False
    is_past: bool = False

    @property
    def session_count(self) -> int:
        return sum(len(day.slots) for day in self.days)

    @property
    def registered(self) -> bool:
        return self.application is not None and self.application.state not in {
            ApplicationState.WITHDRAWN,
            ApplicationState.REJECTED,
        }

    @property
    def should_register(self) -> bool:
        """Call the learner to register: not registered, and they can."""
        return not self.registered and self.can_register


def reader_zone(request: Any) -> tuple[tzinfo | None, bool]:
    """The reader's zone from ``?tz=`` (remembered in the session) or the
    one remembered; and whether the one asked for was unknown."""
    asked = request.GET.get("tz")
    session = getattr(request, "session", None)
    if asked is not None:
        zone = timetable.reader_zone(asked)
        if session is not None:
            if zone is not None:
                session[ZONE_KEY] = asked
            else:
                session.pop(ZONE_KEY, None)
        return zone, bool(asked) and zone is None
    remembered = session.get(ZONE_KEY) if session is not None else None
    return timetable.reader_zone(remembered), False


def live_sessions(
    course: Course, user: Any, reader: tzinfo | None, *, enrolled: bool
) -> list[LiveRow]:
    """The course's webinars the person may see, in order, with their
    sessions; for an enrolled learner, their registration and whether they
    can register now. Four queries, whatever the number of webinars."""
    if not course.is_cohort:
        return []
    links = list(
        course.live_sessions.filter(
            event__in=event_queries.visible_events(user)
        ).select_related("event")
    )
    events = [link.event for link in links]
    if not events:
        return []
    sessions: dict[int, list[Session]] = {}
    for session in Session.objects.filter(event__in=events).order_by("starts_at"):
        sessions.setdefault(session.event_id, []).append(session)
    applications: dict[int, Application] = {}
    if enrolled and getattr(user, "is_authenticated", False):
        applications = {
            a.event_id: a
            for a in Application.objects.filter(event__in=events, applicant=user)
        }
    rows = []
    for event in events:
        zone = event.zone
        shown = (
            reader if reader is not None and str(reader) != event.time_zone else None
        )
        rows.append(
            LiveRow(
                event=event,
                starts=timetable.local(event.starts_at, zone),
                ends=timetable.local(event.ends_at, zone),
                reader_starts=timetable.local(event.starts_at, shown)
                if shown
                else None,
                reader_ends=timetable.local(event.ends_at, shown) if shown else None,
                days=timetable.days(event, sessions.get(event.pk, []), shown),
                application=applications.get(event.pk),
                can_register=enrolled and event_permissions.can_apply(user, event),
                is_past=event.is_past(),
            )
        )
    return rows


def zone_names() -> tuple[str, ...]:
    return timetable.zone_names()
