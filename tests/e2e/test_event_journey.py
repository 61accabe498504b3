"""A member's journey through an Academy Camp with selection (issue 12), at a
phone's width and a desktop's: from the header's "Academy" to the camp, the
application form (fixed fields and a question of the organisers), the
organiser's waiting-list decision sent from the selection table, the offer
that follows a withdrawal with its deadline on "My events", the confirmation,
and the camp's calendar file, parsed with ``icalendar``.

Each person opens the home page once and then only clicks and types. Every
page on the way passes axe and ``assert_no_raw_text``; the event page and
"My events" are read again in French.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ecoc_hub.events import calendar as event_calendar
from ecoc_hub.events import services
from ecoc_hub.events.models import Application, Event, Question
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.events.conftest import apply, make_event, make_session
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ZONE = "Europe/Helsinki"


def seen(page: Page, where: str, language: str = "en") -> None:
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language, where
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, within: str = "main", role: str = "link") -> None:
    with page.expect_navigation():
        page.locator(within).get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


def switch_language(page: Page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    with page.expect_navigation():
        page.locator(".lang-switch button[type=submit]").click()


def choose(page: Page, field: str, typed: str, option: str) -> None:
    """Type a few letters into a chooser and click the option offered."""
    box = page.get_by_role("combobox", name=field)
    box.click()
    box.press_sequentially(typed)
    page.get_by_role("listbox", name=field).get_by_role(
        "option", name=option, exact=True
    ).click()
    expect(box).to_have_value("")


@pytest.fixture
def camp() -> tuple[Event, object, object]:
    organiser = UserFactory(display_name="Olga Organiser")
    accepted = UserFactory(display_name="Anna Accepted")
    now = timezone.now().replace(minute=30, second=0, microsecond=0)
    event = make_event(
        title="Academy Camp on audiences",
        slug="camp-audiences",
        organisers=[organiser],
        capacity=1,
        time_zone=ZONE,
        starts_at=now + timedelta(days=40),
        ends_at=now + timedelta(days=42),
        offer_hours=48,
    )
    make_session(
        event,
        # Written in the event's zone, not UTC, by the calendar.
        title="Knowing your audiences",
        starts_at=event.starts_at + timedelta(hours=2),
        ends_at=event.starts_at + timedelta(hours=3),
    )
    Question.objects.create(
        event=event,
        kind="long_text",
        label="What do you hope to learn?",
        help_text="A few sentences.",
        required=True,
        position=1,
    )
    services.decide(
        application=apply(event, accepted), action="accept", actor=organiser
    )
    return event, organiser, accepted


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_member_applies_is_waitlisted_confirms_an_offer_and_adds_the_calendar(
    page: Page, new_page, live_server, camp, width
):
    event, organiser, accepted = camp
    member = UserFactory(display_name="Mira Member")
    size = {"width": width, "height": 900}

    # The member finds the camp from the header and applies.
    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, member)
    page.goto("/")
    click(page, "Academy", within="header")
    seen(page, "event list")
    click(page, event.title)
    seen(page, "event page")
    click(page, "Apply")
    seen(page, "apply form")
    page.get_by_label("Your name").fill("Mira Member")
    page.get_by_label("Organisation").fill("Mira's cultural centre")
    page.get_by_label("Your role").select_option(label="Cultural operator")
    choose(page, "Languages you work in", "Fren", "French")
    page.get_by_label("What do you hope to learn?").fill(
        "How to measure who comes and who does not."
    )
    click(page, "Send my application", role="button")
    application = Application.objects.get(event=event, applicant=member)
    assert application.state == "submitted"
    assert application.organisation == "Mira's cultural centre"
    assert application.role == "cultural_operator"
    assert application.languages == ["fr"]
    assert [a.value for a in application.answers.all()] == [
        "How to measure who comes and who does not."
    ]
    seen(page, "application")

    # The organiser puts the application on the waiting list and sends it.
    staff = new_page(viewport=size)
    add_session_cookie(staff.context, live_server.url, organiser)
    staff.goto("/")
    click(staff, "Academy", within="header")
    click(staff, event.title)
    click(staff, "Applications and selection")
    seen(staff, "selection table")
    staff.get_by_label("Select Mira Member").check()
    staff.get_by_label("Draft this decision").select_option(label="Waiting list")
    click(staff, "Draft the decision", role="button")
    expect(staff.locator(".messages")).to_contain_text(
        "1 drafted decision changed. Nothing is sent yet."
    )
    expect(staff.locator("tbody tr", has_text="Mira Member")).to_contain_text(
        "Waiting list"
    )
    seen(staff, "selection table with a draft")
    click(staff, "Review and send the drafted decisions")
    seen(staff, "send decisions")
    click(staff, "Send all drafted decisions now", role="button")
    application.refresh_from_db()
    assert application.state == "waitlisted"

    # The accepted participant withdraws: the place is offered to the member.
    services.withdraw_application(
        application=Application.objects.get(event=event, applicant=accepted),
        user=accepted,
    )
    application.refresh_from_db()
    assert application.offer_state == "offered"

    # The member sees the offer and its deadline on "My events" and confirms.
    click(page, "Academy", within="header")
    click(page, "My events")
    row = page.locator("tbody tr", has_text=event.title)
    deadline = application.offer_expires_at.astimezone(ZoneInfo(ZONE))
    expect(row).to_contain_text("Confirm your place by")
    expect(row).to_contain_text(f"({ZONE})")
    expect(row).to_contain_text(f"{deadline.day} {deadline:%B %Y, %H:%M}")
    seen(page, "My events with an offer")
    switch_language(page, "fr")
    seen(page, "My events in French", "fr")
    switch_language(page, "en")
    click(page, "Open", within="tbody")
    click(page, "Confirm my place", role="button")
    application.refresh_from_db()
    assert (application.state, application.offer_state) == ("accepted", "confirmed")
    seen(page, "confirmed application")

    # From the event page, in French too, the camp goes into a calendar.
    click(page, "Academy", within="header")
    click(page, event.title)
    seen(page, "event page as a participant")
    switch_language(page, "fr")
    seen(page, "event page in French", "fr")
    switch_language(page, "en")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    parsed = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    entries = {str(c["UID"]): c for c in parsed.walk("VEVENT")}
    # A programme's calendar holds its sessions (the event itself when it has none).
    session = event.sessions.get()
    assert list(entries) == [event_calendar.session_uid(session)]
    entry = entries[event_calendar.session_uid(session)]
    assert str(entry["SUMMARY"]).startswith("Knowing your audiences")
    start = entry.decoded("DTSTART")
    assert isinstance(start, datetime)
    assert str(start.tzinfo) == ZONE
    assert entry["DTSTART"].params["TZID"] == ZONE
    assert start == session.starts_at.astimezone(ZoneInfo(ZONE))
    assert start.utcoffset() == session.starts_at.astimezone(ZoneInfo(ZONE)).utcoffset()
    assert [str(c["TZID"]) for c in parsed.walk("VTIMEZONE")] == [ZONE]
