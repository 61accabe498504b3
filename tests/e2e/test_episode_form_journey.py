"""Issue 9.4 in a real browser: a curator fills the episode form, hits an
error, sees the error summary, fixes the error and saves without choosing the
audio and transcript files again. At 390 px and at 1280 px; axe stays clean."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRANSCRIPT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Anna Berg>Welcome to the harbour.\n"
)


@pytest.mark.parametrize("width", [390, 1280])
def test_curator_fixes_an_error_and_saves_without_choosing_the_files_again(
    page: Page, login_as, width
):
    from ecoc_hub.podcasts.models import Episode
    from ecoc_hub.podcasts.mp3 import silent_mp3

    page.set_viewport_size({"width": width, "height": 900})
    data.episode()
    login_as(data.curator())
    audio = silent_mp3(30)

    # The staff menu in the header leads to the podcast management.
    page.goto("/")
    page.locator(".staff-menu summary").click()
    page.get_by_role("link", name="Manage podcasts").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="New episode").click()
    page.wait_for_load_state()
    check_page(page, "the new episode form")

    # The slug follows the title as it is typed.
    page.locator("#id_title").fill("Harbour stories: Genova")
    expect(page.locator("#id_slug")).to_have_value("harbour-stories-genova")
    page.locator("#id_audio_file").set_input_files(
        files=[{"name": "harbour.mp3", "mimeType": "audio/mpeg", "buffer": audio}]
    )
    page.locator("#id_transcript_file").set_input_files(
        files=[
            {
                "name": "harbour.vtt",
                "mimeType": "text/vtt",
                "buffer": TRANSCRIPT.encode(),
            }
        ]
    )
    page.locator("#id_state").select_option("published")
    # A chapter row added with the button, its start time mistyped.
    page.get_by_role("button", name="Add a chapter").click()
    rows = page.locator("[data-formset-row]:not([hidden])")
    expect(rows).to_have_count(3)
    new_row = rows.nth(2)
    expect(new_row.locator("input[name$='-start']")).to_be_focused()
    new_row.locator("input[name$='-start']").fill("soon")
    new_row.locator("input[name$='-title']").fill("Opening")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    # The error summary is at the top, focused, and links to the field.
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link", name="Start time, row 3", exact=False)
    link.click()
    expect(page.locator("#id_chapters-2-start")).to_be_focused()
    expect(page.locator(".staged-file")).to_have_count(2)
    expect(page.locator(".staged-file").first).to_contain_text(
        "Already uploaded: harbour.mp3"
    )
    check_page(page, "the episode form with an error")
    assert Episode.objects.filter(slug="harbour-stories-genova").count() == 0

    page.locator("#id_chapters-2-start").fill("0:00")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    expect(page.locator(".messages")).to_contain_text("The episode was saved.")
    episode = Episode.objects.get(slug="harbour-stories-genova")
    assert episode.audio_sha256 == hashlib.sha256(audio).hexdigest()
    assert episode.transcript_vtt == TRANSCRIPT
    assert episode.chapters == {
        "version": "1.2.0",
        "chapters": [{"startTime": 0, "title": "Opening"}],
    }
    assert episode.published_at is not None
