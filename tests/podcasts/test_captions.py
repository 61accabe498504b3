"""The player shows the transcript as captions (issue 9, point 11)."""

from __future__ import annotations

import pytest

from .conftest import make_episode


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Transcript (English)"), ("de", "Transkript (Englisch)")],
)
def test_player_has_a_captions_track_from_the_transcript(
    client, episode, language, label
):
    client.cookies["ecoc_hub_language"] = language

    html = client.get(episode.get_absolute_url()).content.decode()

    assert (
        f'<track kind="captions" src="{episode.transcript_url}" srclang="en" '
        f'label="{label}" default>'
    ) in html


def test_captions_are_served_as_webvtt(client, episode):
    response = client.get(episode.transcript_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode().startswith("WEBVTT")


def test_an_episode_without_a_transcript_has_no_captions_track(client, show):
    episode = make_episode(show, slug="no-words", transcript="")

    html = client.get(episode.get_absolute_url()).content.decode()

    assert "<track" not in html
