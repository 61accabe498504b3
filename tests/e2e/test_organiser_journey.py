"""An organiser runs an Academy Camp from the browser (issue 12), at a
phone's width and a desktop's: creates the event from the Academy page,
adds two sessions (the first with a new speaker typed in the form, the
second with that speaker chosen by name), publishes it, moves a session
(its .ics, parsed with ``icalendar``, shows it moved with the same UID and a
higher SEQUENCE), and adds a recording with its transcript, which becomes a
library resource linked from the timetable and linking back to the event.

Every page on the way passes axe and ``assert_no_raw_text``. With
``ECOC_E2E_SCREENSHOTS=<dir>`` each page is also saved as a screenshot.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.events.models import Event
from ecoc_hub.library import samples
from ecoc_hub.library import services as library
from ecoc_hub.library.models import Resource
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ZONE = "Europe/Helsinki"
#: "Title (required)", not "Host title city".
TITLE = re.compile(r"^Title")
CUES = [
    (0.0, 5.0, "Welcome to the camp on audiences."),
    (65.0, 70.0, "We counted visitors with a walrus questionnaire."),
]


def seen(page: Page, where: str, width: int) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)
    if shots := os.environ.get("ECOC_E2E_SCREENSHOTS"):
        name = f"{width}-{where.replace(' ', '-')}.png"
        page.screenshot(path=str(Path(shots) / name), full_page=True)


def click(page: Page, name: str, *, within: str = "main", role: str = "link") -> None:
    with page.expect_navigation():
        page.locator(within).get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


def choose(page: Page, field: str, typed: str, option: str) -> None:
    box = page.get_by_role("combobox", name=field)
    box.click()
    box.press_sequentially(typed)
    page.get_by_role("listbox", name=field).get_by_role(
        "option", name=option, exact=True
    ).click()
    expect(box).to_have_value("")


def session_ics(page: Page, uuid) -> icalendar.Event:
    response = page.request.get(f"/academy/sessions/{uuid}.ics")
    assert response.status == 200
    (vevent,) = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    return vevent


def fill_session(page: Page, title: str, starts: str, ends: str) -> None:
    page.get_by_label(TITLE).fill(title)
    page.get_by_label("Starts").fill(starts)
    page.get_by_label("Ends").fill(ends)
    page.get_by_label("Room").fill("Hall B")


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_organiser_creates_publishes_moves_a_session_and_adds_a_recording(
    page: Page, live_server, width, tmp_path
):
    organiser = UserFactory(display_name="Olga Organiser", roles=["organiser"])
    curator = UserFactory(display_name="Cora Curator", roles=["curator"])
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, organiser)

    # From the header's "Academy" to a new event.
    page.goto("/")
    click(page, "Academy", within="header")
    click(page, "Create an event")
    seen(page, "new event", width)
    page.get_by_label("Kind").select_option(label="Academy Camp")
    page.get_by_label(TITLE).fill("Camp on audiences")
    page.get_by_label("Summary").fill("Three days on who comes and who does not.")
    page.get_by_label("Format").select_option(label="Online")
    page.get_by_label("Online link").fill("https://meet.example.org/camp")
    page.get_by_label("Starts").fill("2027-03-27T09:00")
    page.get_by_label("Ends").fill("2027-03-28T17:00")
    page.get_by_label("Time zone").select_option(ZONE)
    page.get_by_label("Description").fill("A camp for **city teams**.")
    choose(page, "Working languages", "Engl", "English")
    page.get_by_label("Places").fill("30")
    click(page, "Preview the description", role="button")
    expect(page.locator("main strong", has_text="city teams")).to_be_visible()
    seen(page, "description preview", width)
    click(page, "Create the event", role="button")
    event = Event.objects.get(title="Camp on audiences")
    assert (event.visibility, list(event.organisers.all())) == ("draft", [organiser])
    assert event.starts_at.astimezone(ZoneInfo(ZONE)).hour == 9
    seen(page, "organise hub", width)

    # Two sessions: a new speaker typed in, then chosen by name.
    click(page, "Programme")
    click(page, "Add a session")
    seen(page, "new session", width)
    fill_session(page, "Knowing your audiences", "2027-03-27T10:00", "2027-03-27T11:30")
    page.get_by_label("New speaker: name").fill("Ilona Ilves")
    page.get_by_label("New speaker: affiliation").fill("Oulu2026")
    page.get_by_label("New speaker: public bio").fill("Evaluator of three capitals.")
    click(page, "Save the session", role="button")
    click(page, "Add a session")
    fill_session(page, "Counting visitors", "2027-03-28T10:00", "2027-03-28T11:00")
    choose(page, "Speakers and trainers", "Ilon", "Ilona Ilves (Oulu2026)")
    click(page, "Save the session", role="button")
    seen(page, "programme", width)
    first, second = event.sessions.order_by("starts_at")
    assert [s.name for s in second.speakers.all()] == ["Ilona Ilves"]

    # Published through the hub, with its history.
    click(page, "Organise", within="nav.breadcrumbs")
    click(page, "Publish", role="button")
    expect(page.locator("main")).to_contain_text("Published: everyone sees")
    seen(page, "published hub", width)
    before = session_ics(page, first.uuid)

    # The first session moves to the afternoon: the calendar follows.
    click(page, "Programme")
    click(page, "Edit or move “Knowing your audiences”")
    seen(page, "edit session", width)
    page.get_by_label("Starts").fill("2027-03-27T14:00")
    page.get_by_label("Ends").fill("2027-03-27T15:30")
    click(page, "Save the session", role="button")
    after = session_ics(page, first.uuid)
    assert str(after["uid"]) == str(before["uid"])
    assert after["sequence"] > before["sequence"]
    assert after.decoded("dtstart") == datetime(
        2027, 3, 27, 14, 0, tzinfo=ZoneInfo(ZONE)
    )

    # A recording of the second session becomes a library resource.
    video = tmp_path / "counting.mp4"
    video.write_bytes(samples.mp4_bytes())
    captions = tmp_path / "counting.vtt"
    captions.write_bytes(samples.vtt_bytes(CUES))
    click(page, "Add a recording to “Counting visitors”")
    seen(page, "add a recording", width)
    page.get_by_label(TITLE).fill("Counting visitors, the recording")
    page.get_by_label("Recording or document").set_input_files(str(video))
    page.get_by_label("Transcript (WebVTT)").set_input_files(str(captions))
    click(page, "Add to the library", role="button")
    expect(page.locator(".messages")).to_contain_text("waiting for a curator")
    resource = Resource.objects.get(title="Counting visitors, the recording")
    assert resource.state == "submitted"
    assert list(second.materials.all()) == [resource]
    library.approve(resource=resource, curator=curator)

    # The timetable links the recording; its library page links back.
    page.goto(event.get_absolute_url())
    seen(page, "event page", width)
    click(page, "Counting visitors, the recording")
    seen(page, "library resource", width)
    expect(
        page.locator("section", has_text="From the Academy").get_by_role(
            "link", name="Camp on audiences"
        )
    ).to_be_visible()
