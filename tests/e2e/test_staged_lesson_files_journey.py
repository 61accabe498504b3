"""A trainer's media lesson keeps its files through a validation error: the
title forgotten, the page says "Already uploaded: name, size" for the media
file and the captions, and the next save uses them without choosing them
again; at a phone's width and a desktop's, axe-clean, no raw text."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from ecoc_hub.courses import media
from ecoc_hub.courses.models import Lesson
from tests.courses.conftest import CAPTIONS, make_course
from tests.e2e.helpers import add_session_cookie, check_page
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_a_forgotten_title_keeps_the_media_and_captions(page: Page, live_server, width):
    trainer = UserFactory(display_name="Tina Trainer")
    course = make_course(trainers=[trainer], title="Listening first", slug="listen")
    module = course.modules.last()
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, trainer)

    page.goto(
        reverse("courses:lesson_new", args=[course.slug, module.pk]) + "?kind=media"
    )
    page.get_by_label("Introduction").fill("Listen first, then talk.")
    page.get_by_label("Video or audio file").set_input_files(
        files=[
            {
                "name": "harbour-talk.mp3",
                "mimeType": "audio/mpeg",
                "buffer": media.silent_mp3(20),
            }
        ]
    )
    page.get_by_label("Captions (WebVTT)").set_input_files(
        files=[
            {
                "name": "harbour-talk.vtt",
                "mimeType": "text/vtt",
                "buffer": CAPTIONS.encode(),
            }
        ]
    )
    page.get_by_role("button", name="Save the lesson").click()
    page.wait_for_load_state()

    kept = page.locator(".staged-file")
    expect(kept).to_have_count(2)
    expect(kept.nth(0)).to_contain_text("Already uploaded: harbour-talk.mp3,")
    expect(kept.nth(1)).to_contain_text("Already uploaded: harbour-talk.vtt,")
    expect(page.get_by_label("Video or audio file")).to_have_attribute(
        "aria-describedby", "id_media_file_staged id_media_file_helptext"
    )
    check_page(page, "media lesson with an error")
    if shots := os.environ.get("STAGED_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/media-lesson-{width}.png", full_page=True)
    assert not Lesson.objects.filter(kind="media").exists()

    page.get_by_label("Title").fill("The city listens")
    page.get_by_role("button", name="Save the lesson").click()
    page.wait_for_load_state()

    lesson = Lesson.objects.get(title="The city listens")
    assert lesson.media_mime == "audio/mpeg"
    assert len(lesson.captions_cues) == 3
