"""The podcast journey of issue 5: open an episode, play it, click a line of
the transcript and the audio moves there; and a phrase spoken in the episode
is found by the site search, whose result opens the episode at that moment."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def episode():
    return data.episode()


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

    # The keyboard, with focus on the transcript line: K pauses, J goes back
    # 10 seconds, and the speed menu changes the playback rate.
    expect(line).to_be_focused()
    page.keyboard.press("k")
    page.wait_for_function("() => document.getElementById('player').paused")
    paused_at = current_time(page)
    page.keyboard.press("j")
    page.wait_for_function(
        f"() => document.getElementById('player').currentTime < {paused_at - 9}"
    )
    assert paused_at - 10.5 < current_time(page) < paused_at - 9.5
    page.get_by_label("Speed").select_option("1.5")
    assert page.evaluate("() => document.getElementById('player').playbackRate") == 1.5


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
