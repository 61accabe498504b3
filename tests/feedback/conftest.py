"""An event that has ended, with sessions, attendance and a survey."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ecoc_hub.events.attendance import Attendance, CheckInMethod
from ecoc_hub.events.models import Application, Event
from tests.events.conftest import make_event, make_session
from tests.factories import UserFactory


def accepted(event: Event, user=None, *, language: str = "en") -> Application:
    user = user or UserFactory()
    return Application.objects.create(
        event=event,
        applicant=user,
        name=user.display_name,
        language=language,
        state=Application.State.ACCEPTED,
    )


def attend(session, user) -> Attendance:
    return Attendance.objects.create(
        session=session, participant=user, method=CheckInMethod.LIST
    )


@pytest.fixture
def organiser(db):
    return UserFactory(email="olga@example.org", display_name="Olga Organiser")


@pytest.fixture
def ended(organiser):
    """A camp that ended yesterday: Ana (English) and Bruno (French) attended,
    Chiara was accepted but never came."""
    now = timezone.now()
    event = make_event(
        title="Camp 2",
        slug="camp-two",
        organisers=[organiser],
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=1),
        applications_open_at=None,
        applications_close_at=None,
    )
    first = make_session(
        event,
        title="Digital evaluation",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=2),
    )
    second = make_session(
        event,
        title="Digital communities",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=2),
    )
    people = {
        "ana": UserFactory(email="ana@example.org", display_name="Ana"),
        "bruno": UserFactory(email="bruno@example.org", display_name="Bruno"),
        "chiara": UserFactory(email="chiara@example.org", display_name="Chiara"),
    }
    accepted(event, people["ana"])
    accepted(event, people["bruno"], language="fr")
    accepted(event, people["chiara"])
    attend(first, people["ana"])
    attend(second, people["ana"])
    attend(first, people["bruno"])
    event.people = people
    event.session_list = [first, second]
    return event
