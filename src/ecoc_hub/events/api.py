"""The events' REST operations (mounted under /api/v1/ by ecoc_hub.api):
events, their sessions and the public speakers. Read only."""

# django-ninja declares query parameters as Query(...) defaults.

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema

from ecoc_hub.api.auth import READ, caller
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import get_for_user

from . import permissions, queries
from .enums import Kind
from .models import Event, Session, Speaker

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    kind: str
    title: str
    summary: str
    format: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    host_title: str | None
    capacity_areas: list[str]
    languages: list[str]
    capacity: int | None
    registration_mode: str
    applications_open: bool
    cancelled: bool
    url: str


class EventPage(PageMeta):
    results: list[EventOut]


class SpeakerOut(Schema):
    slug: str
    name: str
    affiliation: str
    bio: str
    url: str


class SpeakerPage(PageMeta):
    results: list[SpeakerOut]


class SessionOut(Schema):
    uuid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str
    description: str
    speakers: list[str]
    sequence: int
    ics: str


def _event_out(event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "kind": event.kind,
        "title": event.title,
        "summary": event.summary,
        "format": event.format,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "host_title": str(event.host_title) if event.host_title else None,
        "capacity_areas": [a.code for a in event.capacity_areas.all()],
        "languages": event.languages,
        "capacity": event.capacity,
        "registration_mode": event.registration_mode,
        "applications_open": event.applications_open(),
        "cancelled": event.is_cancelled,
        "url": absolute(event.get_absolute_url()),
    }


def _session_out(session: Session) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "uuid": str(session.uuid),
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "description": session.description,
        "speakers": [s.slug for s in session.speakers.all()],
        "sequence": session.sequence,
        "ics": absolute(reverse("events:session_ics", args=[session.uuid])),
    }


def _speaker_out(speaker: Speaker) -> dict[str, Any]:
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "affiliation": speaker.affiliation,
        "bio": speaker.bio,
        "url": absolute(speaker.get_absolute_url()),
    }


@router.get(
    "/events",
    response={200: EventPage, **ERRORS},
    auth=READ,
    url_name="events",
    summary="Academy Camps, webinars and study visits",
)
def list_events(
    request: HttpRequest,
    response: HttpResponse,
    kind: str | None = Query(None, pattern="^(" + "|".join(Kind.values) + ")$"),
    upcoming: bool | None = Query(None),
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    events = queries.event_cards(caller(request)).order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if upcoming is not None:
        now = timezone.now()
        events = (
            events.filter(ends_at__gte=now)
            if upcoming
            else events.filter(ends_at__lt=now)
        )
    return paged(request, response, events, page, per_page, _event_out)


@router.get(
    "/events/{slug}",
    response={200: EventOut, **ERRORS},
    auth=READ,
    url_name="event",
    summary="One event",
)
def get_event(request: HttpRequest, slug: str) -> Any:
    event = get_for_user(
        queries.event_cards(caller(request)),
        caller(request),
        can_see=permissions.can_see_event,
        hidden="No such event.",
        slug=slug,
    )
    return _event_out(event)


@router.get(
    "/events/{slug}/sessions",
    response={200: list[SessionOut], **ERRORS},
    auth=READ,
    url_name="event_sessions",
    summary="An event's programme",
)
def list_event_sessions(request: HttpRequest, slug: str) -> Any:
    event = get_for_user(
        Event,
        caller(request),
        can_see=permissions.can_see_event,
        hidden="No such event.",
        slug=slug,
    )
    return [_session_out(s) for s in queries.programme(event)]


@router.get(
    "/speakers",
    response={200: SpeakerPage, **ERRORS},
    auth=READ,
    url_name="speakers",
    summary="Speakers and trainers with a public bio",
)
def list_speakers(
    request: HttpRequest,
    response: HttpResponse,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    speakers = Speaker.objects.filter(is_public=True).order_by("name", "pk")
    return paged(request, response, speakers, page, per_page, _speaker_out)
