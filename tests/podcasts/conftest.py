from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ecoc_hub.podcasts import files, services
from ecoc_hub.podcasts.models import Episode, Season, Show, State
from ecoc_hub.podcasts.mp3 import silent_mp3

TRANSCRIPT = """WEBVTT

00:00:00.000 --> 00:00:04.000
<v Anna Berg>Welcome to the podcast about capitals of culture.

00:00:04.000 --> 00:00:09.500
<v Jonas Weber>Today we talk about participatory budgeting in neighbourhoods.

00:00:35.000 --> 00:00:40.000
<v Anna Berg>Volunteers carried the whole programme in the harbour district.
"""

CHAPTERS = {
    "version": "1.2.0",
    "chapters": [
        {"startTime": 0, "title": "Welcome"},
        {"startTime": 30, "title": "The harbour district"},
    ],
}


def png_bytes(width: int = 1400, height: int = 1400, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), "navy" if mode == "RGB" else 0).save(
        buffer, format="PNG"
    )
    return buffer.getvalue()


@pytest.fixture
def artwork_upload():
    return SimpleUploadedFile("cover.png", png_bytes(), content_type="image/png")


@pytest.fixture
def mp3_upload():
    return SimpleUploadedFile("ep.mp3", silent_mp3(60), content_type="audio/mpeg")


def make_show(**fields) -> Show:
    values = {
        "title": "Capital Conversations",
        "slug": "capital-conversations",
        "description": "Talks with ECoC teams.",
        "language": "en",
        "category": "Society & Culture|Places & Travel",
        "owner_name": "ECoC Hub",
        "owner_email": "podcast@example.org",
        "author": "ECoC Hub consortium",
        "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "state": State.PUBLISHED,
    }
    values.update(fields)
    artwork = files.check_artwork(io.BytesIO(png_bytes()))
    return services.save_show(show=Show(**values), artwork=artwork)


def make_episode(show: Show, *, seconds: float = 60, **fields) -> Episode:
    season = fields.pop("season", None)
    transcript = fields.pop("transcript", TRANSCRIPT)
    values = {
        "show": show,
        "season": season,
        "title": "Audience development",
        "slug": "audience-development",
        "show_notes": "We talk about **audiences** and [the library](https://example.org/lib).",
        "number": 1,
        "state": State.PUBLISHED,
        "published_at": timezone.now() - dt.timedelta(days=1),
        "chapters": CHAPTERS,
    }
    values.update(fields)
    audio = files.check_audio(io.BytesIO(silent_mp3(seconds)))
    return services.save_episode(
        episode=Episode(**values),
        audio=audio,
        transcript=transcript,
        transcript_cues=files.parse_transcript(transcript) if transcript else [],
    )


@pytest.fixture
def show(db) -> Show:
    return make_show()


@pytest.fixture
def season(show) -> Season:
    return services.save_season(
        season=Season(show=show, number=1, title="Audience development")
    )


@pytest.fixture
def episode(show, season) -> Episode:
    return make_episode(show, season=season)
