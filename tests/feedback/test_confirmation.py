"""The confirmation of a place carries the programme as an .ics file: an
open registration to a webinar at once, an offer taken from the waiting
list, a selection's acceptance."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from ecoc_hub.events import services
from ecoc_hub.events.models import Event
from tests.events.conftest import apply, make_event, make_session

pytestmark = pytest.mark.django_db


def _calendar(message) -> icalendar.Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    assert filename.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


@pytest.fixture
def webinar(organiser):
    now = timezone.now()
    webinar = make_event(
        kind=Event.Kind.WEBINAR,
        title="Lessons learnt",
        slug="lessons-learnt",
        organisers=[organiser],
        registration_mode=Event.RegistrationMode.OPEN,
        capacity=1,
        online_url="https://meet.example.org/webinar",
    )
    make_session(
        webinar,
        title="Part 1",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=1),
        online_url="https://meet.example.org/part-1",
    )
    return webinar


def test_an_open_registration_is_confirmed_at_once_with_the_calendar(webinar):
    application = apply(webinar, language="fr")

    [message] = mail.outbox
    assert application.state == "accepted"
    assert message.to == [application.applicant.email]
    assert message.subject == "[ECoC Hub] Vous avez une place à Lessons learnt"
    [entry] = _calendar(message).walk("VEVENT")
    assert (str(entry["SUMMARY"]), str(entry["CONFERENCE"])) == (
        "Part 1 · Lessons learnt",
        "https://meet.example.org/part-1",
    )
    application.refresh_from_db()
    assert application.decision_sent_at is not None


def test_a_full_webinar_puts_the_next_person_on_the_waiting_list_by_email(webinar):
    apply(webinar)
    mail.outbox.clear()

    second = apply(webinar)

    [message] = mail.outbox
    assert second.state == "waitlisted"
    assert message.attachments == []
    assert (
        message.subject == "[ECoC Hub] You are on the waiting list for Lessons learnt"
    )


def test_taking_an_offered_place_sends_the_confirmation_with_the_calendar(webinar):
    first = apply(webinar)
    second = apply(webinar)
    services.withdraw_application(application=first, user=first.applicant)
    mail.outbox.clear()

    services.confirm_offer(application=second, user=second.applicant)

    [message] = mail.outbox
    assert message.to == [second.applicant.email]
    assert [str(e["SUMMARY"]) for e in _calendar(message).walk("VEVENT")] == [
        "Part 1 · Lessons learnt"
    ]
