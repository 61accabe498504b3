"""The podcast journey of issue 5: open an episode, play it, click a line of
the transcript and the audio moves there; and a phrase spoken in the episode
is found by the site search, whose result opens the episode at that moment."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.helpers import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRANSCRIPT = """WEBVTT

00:00:00.000 --> 00:00:04.000
<v Anna Berg>Welcome to the podcast about capitals of culture.

00:00:04.000 --> 00:00:09.500
<v Jonas Weber>Today we talk about participatory budgeting in neighbourhoods.

00:00:35.000 --> 00:00:40.000
<v Anna Berg>Volunteers carried the whole programme in the harbour district.
"""


def artwork_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def episode():
    from ecoc_hub.podcasts import files, services
    from ecoc_hub.podcasts.models import Episode, Season, Show, State
    from ecoc_hub.podcasts.mp3 import silent_mp3

    show = services.save_show(
        show=Show(
            title="Capital Conversations",
            slug="capital-conversations",
            description="Talks with the teams of the European Capitals of Culture.",
            language="en",
            category="Society & Culture|Places & Travel",
            owner_name="ECoC Hub",
            owner_email="podcast@example.org",
            author="ECoC Hub consortium",
            licence="CC-BY-4.0",
            licence_url="https://creativecommons.org/licenses/by/4.0/",
            state=State.PUBLISHED,
        ),
        artwork=files.check_artwork(io.BytesIO(artwork_png())),
    )
    season = services.save_season(
        season=Season(show=show, number=1, title="Audience development")
    )
    return services.save_episode(
        episode=Episode(
            show=show,
            season=season,
            title="Volunteers and neighbourhoods",
            slug="volunteers-and-neighbourhoods",
            show_notes="How **volunteers** shape a title year.",
            number=1,
            state=State.PUBLISHED,
            published_at=timezone.now() - dt.timedelta(days=1),
        ),
        audio=files.check_audio(io.BytesIO(silent_mp3(60))),
        transcript=TRANSCRIPT,
        transcript_cues=files.parse_transcript(TRANSCRIPT),
    )


def current_time(page: Page) -> float:
    return float(page.evaluate("() => document.getElementById('player').currentTime"))


def test_listener_plays_an_episode_and_jumps_by_clicking_the_transcript(
    page: Page, episode
):
    page.goto(reverse("podcasts:list"))
    page.locator("main").get_by_role("link", name="Capital Conversations").first.click()
    page.wait_for_load_state()
    check_page(page, "the podcast show page")
    page.locator("main").get_by_role(
        "link", name="Volunteers and neighbourhoods"
    ).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(episode.get_absolute_url())
    check_page(page, "the episode page")

    # Play: the time advances from the start.
    page.wait_for_function(
        "() => document.getElementById('player').readyState >= 1", timeout=10_000
    )
    assert current_time(page) == 0.0
    page.evaluate("() => document.getElementById('player').play()")
    page.wait_for_function(
        "() => document.getElementById('player').currentTime > 0.3", timeout=10_000
    )
    assert page.evaluate("() => document.getElementById('player').paused") is False

    # Click the line said at 0:35: the audio moves there and the line is marked.
    line = page.locator("button.cue", has_text="harbour district")
    line.click()
    page.wait_for_function(
        "() => document.getElementById('player').currentTime >= 35", timeout=10_000
    )
    assert 35.0 <= current_time(page) < 45.0
    expect(line).to_have_attribute("aria-current", "true")
    expect(page.locator("button.cue[aria-current]")).to_have_count(1)


def test_a_phrase_spoken_in_an_episode_is_found_and_opens_at_its_moment(
    page: Page, episode
):
    page.goto(reverse("search:list"))
    box = page.locator("main input[name=q]").first
    box.fill('"harbour district"')
    box.press("Enter")
    page.wait_for_load_state()
    check_page(page, "the search results page")
    result = page.locator("main li", has_text="Volunteers and neighbourhoods").first
    expect(result).to_be_visible()
    link = result.locator("a", has_text="0:35").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()

    assert page.url.split("#")[0].endswith("t=35"), page.url
    page.wait_for_function(
        "() => document.getElementById('player').readyState >= 1", timeout=10_000
    )
    page.wait_for_function(
        "() => document.getElementById('player').currentTime >= 35", timeout=10_000
    )
    expect(page.locator("button.cue", has_text="harbour district")).to_have_attribute(
        "aria-current", "true"
    )
