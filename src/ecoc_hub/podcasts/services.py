"""Writes for shows, seasons and episodes. Each keeps the search index in step
in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library.models import Resource
from ecoc_hub.search.services import remove_document

from . import files
from .models import Episode, Person, Season, Show
from .search_index import KIND, index_episode

# Podcasting 2.0 namespace: podcast:guid is a UUIDv5 of the feed URL, without
# the scheme and trailing slashes, in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


@dataclass(frozen=True)
class PersonData:
    name: str
    role: str
    href: str = ""
    img: str = ""


def feed_url_for(slug: str) -> str:
    return settings.SITE_URL + reverse("podcasts:feed", args=[slug])


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, address)


@transaction.atomic
def save_show(*, show: Show, artwork: files.CheckedFile | None = None) -> Show:
    """Create or update a show. Its podcast GUID is set once, from the feed
    URL at creation, and never changes: apps follow it if the feed moves."""
    if artwork is not None:
        show.artwork.name = files.store(artwork, folder="artwork")
        show.artwork_sha256 = artwork.sha256
    if show.podcast_guid is None:
        show.podcast_guid = podcast_guid_for(feed_url_for(show.slug))
    show.save()
    # Publishing or withdrawing a show shows or hides all its episodes.
    for episode in show.episodes.select_related("show"):
        index_episode(episode)
    return show


@transaction.atomic
def save_season(*, season: Season) -> Season:
    season.save()
    return season


@transaction.atomic
def save_episode(
    *,
    episode: Episode,
    audio: files.CheckedFile | None = None,
    capacity_areas: Iterable[CapacityArea] | None = None,
    titles: Iterable[Title] | None = None,
    resources: Iterable[Resource] | None = None,
    people: list[PersonData] | None = None,
    transcript: str | None = None,
    transcript_cues: list[dict[str, Any]] | None = None,
) -> Episode:
    """Create or update an episode with its files and relations, then index it
    (or remove it from the index if it is not public).

    ``None`` leaves a relation or file unchanged; a new episode needs audio.
    """
    if audio is not None:
        episode.audio.name = files.store(audio, folder="audio")
        episode.audio_sha256 = audio.sha256
        episode.audio_size = audio.size
        episode.audio_duration = audio.duration
        episode.audio_mime = audio.mime
    if not episode.audio_sha256:
        raise ValueError("An episode needs an audio file")
    if transcript is not None:
        episode.transcript_vtt = transcript
        episode.transcript_cues = transcript_cues or []
    episode.save()
    if capacity_areas is not None:
        episode.capacity_areas.set(capacity_areas)
    if titles is not None:
        episode.titles.set(titles)
    if resources is not None:
        episode.resources.set(resources)
    if people is not None:
        episode.people.all().delete()
        Person.objects.bulk_create(
            Person(episode=episode, position=position, **vars(person))
            for position, person in enumerate(people)
        )
    index_episode(episode)
    if episode.is_scheduled:
        _index_when_due(episode)
    return episode


def _index_when_due(episode: Episode) -> None:
    """Ask the worker to index a scheduled episode at its publication time."""
    from .tasks import index_episode_task

    backend = index_episode_task.get_backend()
    if not backend.supports_defer:
        return
    due = episode.published_at
    pk = episode.pk
    transaction.on_commit(
        lambda: index_episode_task.using(run_after=due).enqueue(episode_id=pk)
    )


@transaction.atomic
def delete_episode(*, episode: Episode) -> None:
    """Delete an episode. Its audio stays in storage: another episode may share
    the file, and the URL must never serve different bytes."""
    remove_document(kind=KIND, object_id=episode.pk)
    episode.delete()
