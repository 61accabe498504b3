"""A learner plays an audio lesson (issue 14): a transcript line seeks the
player, skipping to the end does not count, and playing it through (at the
fastest speed) completes the lesson; at a phone's width and a desktop's,
axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.courses import services
from ecoc_hub.courses.models import LessonProgress
from tests.courses.conftest import add_media_lesson, make_course
from tests.e2e.helpers import add_session_cookie, assert_accessible
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PLAYER = "document.getElementById('player')"


def _time(page: Page) -> float:
    return float(page.evaluate(f"() => {PLAYER}.currentTime"))


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_learner_plays_an_audio_lesson_to_completion(page, live_server, width):
    learner = UserFactory(display_name="Ana Ionescu")
    course = make_course(title="Listening first", slug="listening", lessons=1)
    lesson = add_media_lesson(course, seconds=40, title="The city listens")
    services.enrol(course=course, learner=learner)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, learner)

    page.goto(lesson.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("The city listens")
    page.wait_for_function(f"() => {PLAYER}.readyState >= 1", timeout=10_000)
    assert_accessible(page, "audio lesson")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Played so far: 0 %")

    # A line of the transcript plays from its moment.
    page.get_by_role("button", name="Listening comes before programming.").click()
    page.wait_for_function(f"() => {PLAYER}.currentTime >= 12.2", timeout=10_000)
    assert page.evaluate(f"() => {PLAYER}.paused") is False
    line = page.locator("button.cue[aria-current='true']")
    expect(line).to_contain_text("Listening comes before programming.")
    page.evaluate(f"() => {PLAYER}.pause()")

    # Skipping to the end and hearing the last seconds does not complete it.
    page.evaluate(f"() => {{ {PLAYER}.currentTime = 37; {PLAYER}.play(); }}")
    page.wait_for_function(f"() => {PLAYER}.ended", timeout=15_000)
    expect(status).not_to_contain_text("Played so far: 0 %")
    expect(status).not_to_contain_text("Done")
    assert LessonProgress.objects.get(lesson=lesson).completed_at is None

    # Played through at 16 times the speed: done.
    page.evaluate(
        f"() => {{ {PLAYER}.currentTime = 0; {PLAYER}.playbackRate = 16;"
        f" {PLAYER}.play(); }}"
    )
    expect(status).to_have_text("Done: you played 90 % of it.", timeout=20_000)
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.completed_at is not None
    assert progress.played[0][0] < 1  # from the start, not from a seek
    assert_accessible(page, "audio lesson done")

    page.reload()
    outline = page.get_by_role("complementary")
    expect(
        outline.get_by_role("listitem").filter(has_text="The city listens")
    ).to_contain_text("Done")
