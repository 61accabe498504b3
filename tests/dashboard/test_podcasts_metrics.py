"""Plays counted from audio requests, and the podcasts' figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import RequestFactory

from ecoc_hub.cities.models import Title
from ecoc_hub.core.metrics import Filters
from ecoc_hub.podcasts import metrics
from ecoc_hub.podcasts.plays import DailyPlays, is_play
from tests.podcasts.conftest import make_episode, make_show

from .conftest import QUARTER

pytestmark = pytest.mark.django_db

#: Ten minutes of audio in 600,000 bytes: a minute is 60,000 bytes.
SIZE, DURATION = 600_000, 600.0


def _get(range_header: str = "", method: str = "get"):
    headers = {"Range": range_header} if range_header else {}
    return getattr(RequestFactory(), method)("/audio.mp3", headers=headers)


@pytest.mark.parametrize(
    ("range_header", "method", "expected"),
    [
        ("", "get", True),
        ("bytes=0-", "get", True),
        ("bytes=0-59999", "get", True),
        ("bytes=0-1", "get", False),
        ("bytes=0-59998", "get", False),
        ("bytes=120000-", "get", False),
        ("bytes=-500", "get", False),
        ("bytes=700000-", "get", False),
        ("", "head", False),
    ],
)
def test_a_play_starts_at_the_first_byte_and_asks_for_a_minute(
    range_header, method, expected
):
    request = _get(range_header, method)

    assert is_play(request, size=SIZE, duration=DURATION) is expected


def test_a_short_episode_fetched_whole_by_ranges_is_a_play():
    assert is_play(_get("bytes=0-999"), size=1000, duration=30.0) is True


def test_the_audio_request_of_a_player_counts_one_play_and_robots_none(client):
    episode = make_episode(make_show())
    url = episode.audio_url

    client.get(url, headers={"Range": "bytes=0-1", "User-Agent": "AppleCoreMedia"})
    client.get(url, headers={"Range": "bytes=0-", "User-Agent": "AppleCoreMedia"})
    client.get(url, headers={"Range": "bytes=0-", "User-Agent": "Googlebot/2.1"})
    client.head(url, headers={"User-Agent": "AppleCoreMedia"})

    assert list(DailyPlays.objects.values_list("episode", "plays")) == [(episode.pk, 1)]


@pytest.fixture
def plays():
    show = make_show()
    other = make_show(title="Other show", slug="other-show")
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    first = make_episode(show, slug="first")
    first.titles.add(oulu)
    second = make_episode(show, slug="second", number=2)
    third = make_episode(other, slug="third")
    for episode, day, count in [
        (first, date(2026, 1, 5), 3),
        (second, date(2026, 1, 6), 4),
        (third, date(2026, 2, 1), 10),
        (third, date(2026, 4, 1), 100),
    ]:
        DailyPlays.objects.create(episode=episode, day=day, plays=count)
    return oulu


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


def test_plays_per_month(plays):
    assert _values(metrics.plays_over_time(QUARTER)) == {"Plays": [7, 10, 0]}


def test_plays_by_show_most_played_first(plays):
    figure = metrics.plays_by_show(QUARTER)

    assert list(figure.categories) == ["Other show", "Capital Conversations"]
    assert _values(figure) == {"Plays": [10, 7]}


def test_plays_of_episodes_about_a_title_city_or_its_country(plays):
    oulu = Filters(start=QUARTER.start, end=QUARTER.end, title_id=plays.pk)
    finland = Filters(start=QUARTER.start, end=QUARTER.end, country="FI")

    assert _values(metrics.plays_over_time(oulu)) == {"Plays": [3, 0, 0]}
    assert _values(metrics.plays_over_time(finland)) == {"Plays": [3, 0, 0]}
