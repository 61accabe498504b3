"""A learner enrols in a course, reads its lessons, passes its quiz and
gets the certificate of completion, then verifies it (issue 14), at a
phone's width and a desktop's; every page passes axe and has no raw text."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.core.workflow import transition
from tests.courses.conftest import add_quiz, make_course
from tests.e2e.helpers import add_session_cookie, assert_accessible
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_learner_enrols_reads_passes_the_quiz_and_gets_the_certificate(
    page, live_server, width
):
    trainer = UserFactory(display_name="Tina Trainer")
    learner = UserFactory(display_name="Ana Ionescu")
    course = make_course(
        trainers=[trainer], state="draft", title="Evaluation basics", slug="eval"
    )
    add_quiz(course, pass_mark=80)
    transition(course, "publish", actor=trainer)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, learner)

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Learn"
    ).click()
    seen(page, "catalogue")
    page.get_by_role("link", name="Evaluation basics").click()
    seen(page, "course page")
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator(".messages")).to_contain_text("You are enrolled.")
    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1")
    seen(page, "lesson")
    page.get_by_role("link", name="Next: Lesson 2").click()
    page.get_by_role("link", name="Next: Check yourself").click()
    seen(page, "quiz")

    # One answer wrong of five: 80 %, the pass mark.
    page.get_by_label("Guess", exact=True).check()
    page.get_by_label("Surveys", exact=True).check()
    page.get_by_label("Focus groups", exact=True).check()
    page.get_by_label("True", exact=True).check()
    page.get_by_label("Question 4: The city of 2011?").fill("turku")
    page.get_by_label("Question 5: Match — Mons").select_option("2015")
    page.get_by_label("Question 5: Match — Matera").select_option("2019")
    page.get_by_role("button", name="Submit the answers").click()

    expect(page.locator(".messages")).to_contain_text("You passed with 80 %.")
    expect(page.locator(".course-actions")).to_contain_text("You completed this course")
    seen(page, "completed course")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    pdf = pdfium.PdfDocument(download.value.path())
    text = pdf[0].get_textpage().get_text_range().replace("\r", "")
    assert "Ana Ionescu" in text.split("\n")
    page.get_by_role("link", name="Its public verification page").click()
    expect(page.locator(".certificate-status")).to_contain_text("Genuine and valid.")
    seen(page, "verification")
