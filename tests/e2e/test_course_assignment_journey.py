"""A learner hands in an assignment, reviews a peer's with the rubric, and
that review accepts the peer's submission (issue 14), at a phone's width
and a desktop's; every page passes axe and has no raw text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.core.workflow import transition
from ecoc_hub.courses import assignments, services
from ecoc_hub.courses.models import Review, Submission
from tests.courses.conftest import add_assignment, choose, make_course
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
def test_a_learner_hands_in_and_a_peer_review_accepts_the_other(
    page, live_server, width
):
    trainer = UserFactory(display_name="Tina Trainer")
    course = make_course(
        trainers=[trainer], state="draft", title="Audience work", slug="work"
    )
    lesson = add_assignment(course, review_mode="peers", pass_mark=60)
    transition(course, "publish", actor=trainer)
    ana, ben, cleo = (
        UserFactory(display_name=name) for name in ("Ana Ionescu", "Ben", "Cleo")
    )
    handed = {}
    for person, text in ((ana, "Teenagers of the estates."), (ben, "Older people.")):
        enrolment = services.enrol(course=course, learner=person)
        handed[person.pk] = assignments.submit_assignment(
            enrolment=enrolment, lesson=lesson, text=text, staged=None
        )
    assignments.submit_peer_review(
        review=Review.objects.get(reviewer=ben, submission=handed[ana.pk]),
        chosen=choose(lesson, 4, 1),
        comment="Clear evidence.",
    )
    services.enrol(course=course, learner=cleo)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, cleo)

    page.goto(lesson.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet a non-audience")
    seen(page, "assignment")
    page.get_by_label("Your answer").fill("Night-shift workers at the *port*.")
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".messages")).to_contain_text("Your submission is handed in.")
    expect(page.locator("#assignment")).to_contain_text("Waiting for review")
    seen(page, "handed in")

    page.get_by_role("link", name="Review submission 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer review")
    expect(page.locator(".submission")).to_contain_text("Teenagers of the estates.")
    expect(page.locator("main")).not_to_contain_text("Ana Ionescu")
    seen(page, "peer review")
    page.get_by_label("2 points: Some").check()
    page.get_by_label("1 point: Clear").check()
    page.get_by_label("Comment").fill("Say how you know them.")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator(".messages")).to_contain_text("your review is saved")
    expect(page.locator("#to-review")).to_contain_text("reviewed, 60 %")

    # Ana's submission: 100 % and 60 %, a mean of 80 %: accepted.
    accepted = Submission.objects.get(pk=handed[ana.pk].pk)
    assert (accepted.state, accepted.score) == ("accepted", 80)
    page.context.clear_cookies()
    add_session_cookie(page.context, live_server.url, ana)
    page.goto(lesson.get_absolute_url())
    expect(page.locator("#assignment")).to_contain_text("Accepted")
    expect(page.locator("#assignment")).to_contain_text("Say how you know them.")
    expect(page.locator("#assignment")).not_to_contain_text("Cleo")
    seen(page, "accepted")
    # The trainer's queue: Ben's and Cleo's wait for their peers' reviews.
    page.context.clear_cookies()
    add_session_cookie(page.context, live_server.url, trainer)
    page.goto(f"/learn/{course.slug}/edit/")
    page.get_by_role("link", name="Assignments to review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assignments to review")
    expect(page.locator("main")).to_contain_text("0 of 2 peer reviews done")
    expect(page.locator("main")).to_contain_text("Accepted")
    seen(page, "review queue")
    page.get_by_role("link", name="Review (Cleo)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the submission")
    seen(page, "trainer review")
