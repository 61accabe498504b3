"""The feedback survey after a camp (issue 12): the organiser opens it, a
participant who attended answers it from My events, and the organiser reads
the summary's charts and comments; at a phone's width and a desktop's, every
page axe-clean and without raw text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ecoc_hub.events.attendance import Attendance, CheckInMethod
from ecoc_hub.events.feedback import services as feedback
from ecoc_hub.events.feedback.models import Survey, SurveyResponse
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.events.conftest import make_event, make_session
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_organiser_opens_the_survey_a_participant_answers_the_summary_shows_it(
    page, new_page, live_server, width
):
    organiser = UserFactory(display_name="Olga Organiser")
    people = [UserFactory(display_name=f"Participant {n}") for n in range(5)]
    now = timezone.now()
    event = make_event(
        title="Academy Camp 2",
        slug="camp-two",
        organisers=[organiser],
        capacity=10,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=2),
    )
    sessions = [
        make_session(
            event,
            title=title,
            starts_at=event.starts_at + timedelta(hours=hours),
            ends_at=event.starts_at + timedelta(hours=hours, minutes=50),
        )
        for title, hours in [("Audience data", 1), ("Digital tools", 3)]
    ]
    for person in people:  # walk-ins: attendance is what counts
        for session in sessions:
            Attendance.objects.create(
                session=session,
                participant=person,
                method=CheckInMethod.LIST,
                checked_in_at=session.starts_at,
            )

    # The organiser opens the survey from the Organise hub.
    staff = new_page(viewport={"width": width, "height": 900})
    add_session_cookie(staff.context, live_server.url, organiser)
    staff.goto(f"/academy/{event.slug}/organise/overview/")
    staff.get_by_role("link", name="Feedback survey").click()
    seen(staff, "survey questions")
    staff.get_by_role("button", name="Open the survey").click()
    expect(staff.locator(".messages")).to_contain_text("The survey is now: Open")
    seen(staff, "survey opened")

    # Four have answered already.
    survey = Survey.objects.get(event=event)
    for person in people[1:]:
        answers = [
            feedback.Given(
                question=q,
                value={"scale": 4, "choice": "Yes", "text": "Useful cases"}[q.kind],
            )
            for q in survey.questions.all()
        ]
        feedback.submit_response(survey=survey, user=person, answers=answers)

    # The fifth answers from My events.
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, people[0])
    page.goto("/academy/me/")
    page.get_by_role("link", name="Your feedback on Academy Camp 2").click()
    seen(page, "survey form")
    overall = page.get_by_role("group", name="Overall, how would you rate the event?")
    overall.get_by_label("5: excellent").check()
    page.get_by_role(
        "group", name="Would you recommend the Academy to a colleague?"
    ).get_by_label("Yes").check()
    page.get_by_label("What worked well?").fill("Meeting peers from Oulu")
    first_session = page.get_by_role(
        "region", name="Session: Audience data", exact=True
    )
    first_session.get_by_label("2: poor").check()
    first_session.get_by_label("Comments on this session").fill("Too short")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".messages")).to_contain_text(
        "Thank you: your answers are saved."
    )
    expect(page.locator("main")).to_contain_text("You have answered this survey.")
    seen(page, "survey answered")
    assert SurveyResponse.objects.filter(survey=survey).count() == 5

    # The organiser reads the summary: charts with their tables, comments.
    staff.get_by_role("link", name="Summary of the answers").click()
    expect(staff.locator("main")).to_contain_text("5 of 5")
    expect(staff.locator("figure.chart").first).to_be_visible()
    assert staff.locator("figure.chart svg").count() >= 4
    expect(staff.locator("main")).to_contain_text("Meeting peers from Oulu")
    expect(staff.locator("main")).to_contain_text("Too short")
    seen(staff, "survey summary")
