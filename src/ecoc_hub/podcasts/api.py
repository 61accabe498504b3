"""The podcasts' REST operations (mounted under /api/v1/ by ecoc_hub.api):
public shows and their public episodes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from ecoc_hub.api.auth import READ
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute

from . import queries
from .models import Episode, Show

router = Router()


class ShowOut(Schema):
    slug: str
    title: str
    description: str
    language: str
    author: str
    licence: str
    licence_url: str
    url: str
    feed_url: str
    updated_at: dt.datetime


class ShowPage(PageMeta):
    results: list[ShowOut]


class EpisodeOut(Schema):
    guid: UUID
    title: str
    number: int | None
    episode_type: str
    published_at: dt.datetime | None
    duration_seconds: float
    audio_url: str
    audio_type: str
    audio_size: int
    url: str


class EpisodePage(PageMeta):
    results: list[EpisodeOut]


def _show_out(show: Show) -> dict[str, Any]:
    return {
        "slug": show.slug,
        "title": show.title,
        "description": show.description,
        "language": show.language,
        "author": show.author,
        "licence": show.licence,
        "licence_url": show.licence_url,
        "url": absolute(show.get_absolute_url()),
        "feed_url": absolute(show.get_feed_url()),
        "updated_at": show.updated_at,
    }


@router.get(
    "/podcasts/shows",
    response={200: ShowPage, **ERRORS},
    auth=READ,
    url_name="podcast_shows",
    summary="Published podcast shows",
)
def list_shows(
    request: HttpRequest,
    response: HttpResponse,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    return paged(request, response, queries.listed_shows(), page, per_page, _show_out)


@router.get(
    "/podcasts/shows/{slug}/episodes",
    response={200: EpisodePage, **ERRORS},
    auth=READ,
    url_name="podcast_episodes",
    summary="The published episodes of a show, newest first",
)
def list_episodes(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    show = queries.public_show(slug.replace("\x00", ""))
    if show is None:
        raise HttpError(404, "No published show has this slug.")

    def serialize(episode: Episode) -> dict[str, Any]:
        episode.show = show  # already loaded: audio_url and the page address use it
        return {
            "guid": episode.guid,
            "title": episode.title,
            "number": episode.number,
            "episode_type": episode.episode_type,
            "published_at": episode.published_at,
            "duration_seconds": episode.audio_duration,
            "audio_url": absolute(episode.audio_url),
            "audio_type": episode.audio_mime,
            "audio_size": episode.audio_size,
            "url": absolute(episode.get_absolute_url()),
        }

    return paged(
        request, response, queries.listed_episodes(show), page, per_page, serialize
    )
