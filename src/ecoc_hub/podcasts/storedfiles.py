"""Podcast artwork and audio, for backup and fixity (``core.storedfiles``)."""

from __future__ import annotations

from collections.abc import Iterator

from ecoc_hub.core.storedfiles import StoredFile

from .models import Episode, Show


def podcast_files() -> Iterator[StoredFile]:
    for name, sha256 in Show.objects.exclude(artwork="").values_list(
        "artwork", "artwork_sha256"
    ):
        yield StoredFile(name=name, sha256=sha256 or None)
    for name, sha256 in Episode.objects.exclude(audio="").values_list(
        "audio", "audio_sha256"
    ):
        yield StoredFile(name=name, sha256=sha256 or None)
