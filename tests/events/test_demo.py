from __future__ import annotations

from io import StringIO

import pytest

from ecoc_hub.accounts import demo as accounts_demo
from ecoc_hub.events import demo, services
from ecoc_hub.events.models import Application, Event


@pytest.fixture
def loaded(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    accounts_demo.load_demo(stdout=StringIO())
    demo.load_demo(stdout=StringIO())


def test_demo_has_the_five_camps_the_webinar_and_an_open_camp(loaded):
    camps = Event.objects.filter(kind="academy_camp").order_by("starts_at")
    camp_2 = Event.objects.get(slug="academy-camp-2-digital-approaches")
    webinar = Event.objects.get(slug="webinar-lessons-learnt-and-future-outlooks")

    assert [str(e.host_title) if e.host_title else "" for e in camps[:5]] == [
        "Elefsina 2023",
        "Chemnitz 2025",
        "Veszprém 2023",
        "Timișoara 2023",
        "",
    ]
    assert [e.format for e in camps[:5]] == [
        "online", "online", "hybrid", "on_site", "online",
    ]  # fmt: skip
    assert camp_2.sessions.count() == 6
    assert webinar.sessions.count() == 4
    upcoming = Event.objects.get(slug=demo.UPCOMING_SLUG)
    assert upcoming.applications_open() is True
    # The coming webinar a demo cohort course links as a live session.
    coming = Event.objects.get(slug=demo.COHORT_WEBINAR_SLUG)
    assert (coming.kind, coming.registration_mode) == ("webinar", "open")
    assert coming.applications_open() is True
    assert coming.sessions.count() == 1


def test_the_open_camp_has_80_applicants_in_every_state(loaded):
    upcoming = Event.objects.get(slug=demo.UPCOMING_SLUG)

    counts = services.state_counts(upcoming)

    assert upcoming.applications.count() == 80
    states = ("accepted", "waitlisted", "rejected", "withdrawn")
    assert {k: counts[k] for k in states} == {
        "accepted": 6, "waitlisted": 5, "rejected": 5, "withdrawn": 5,
    }  # fmt: skip
    assert counts["offered"] == 1
    mine = Application.objects.get(applicant__email=demo.PARTICIPANT_EMAIL)
    assert (mine.state, mine.offer_state) == ("waitlisted", "offered")
    assert upcoming.organisers.get().email == demo.ORGANISER_EMAIL


def test_demo_runs_twice_without_changes(loaded):
    before = (Event.objects.count(), Application.objects.count())

    demo.load_demo(stdout=StringIO())

    assert (Event.objects.count(), Application.objects.count()) == before
