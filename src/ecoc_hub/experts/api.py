"""The experts' REST operations (mounted under /api/v1/ by ecoc_hub.api):
the published calls for experts and the public part of the pool. Read only;
no e-mail address, CV or application ever leaves through here."""

# django-ninja declares query parameters as Query(...) defaults.

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from ecoc_hub.api.auth import READ, caller
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import get_for_user

from . import permissions
from .enums import Profile
from .models import Call
from .pool_models import PoolExpert
from .pool_queries import PoolFilter, filtered_pool, pool_for_listing

router = Router(tags=["experts"])


class LanguageOut(Schema):
    code: str
    level: str


class PeriodOut(Schema):
    starts_on: date
    ends_on: date


class ExpertOut(Schema):
    slug: str
    name: str
    headline: str
    bio: str
    profiles: list[str]
    capacity_areas: list[str]
    languages: list[LanguageOut]
    countries: list[str]
    day_rate_eur: int | None
    availability: list[PeriodOut]
    confirmed_at: datetime
    stale: bool
    url: str


class ExpertPage(PageMeta):
    results: list[ExpertOut]


class RoundOut(Schema):
    number: int
    cutoff_on: date


class CallOut(Schema):
    slug: str
    title: str
    description: str
    opens_on: date
    closes_on: date
    open: bool
    profiles: list[str]
    languages: list[str]
    rounds: list[RoundOut]
    url: str


class CallPage(PageMeta):
    results: list[CallOut]


def _expert_out(entry: PoolExpert) -> dict[str, Any]:
    return {
        "slug": entry.slug,
        "name": entry.expert.full_name,
        "headline": entry.headline,
        "bio": entry.bio,
        "profiles": list(entry.profiles),
        "capacity_areas": [a.code for a in entry.capacity_areas.all()],
        "languages": list(entry.languages),
        "countries": list(entry.countries),
        "day_rate_eur": entry.day_rate,
        "availability": [
            {"starts_on": p.starts_on, "ends_on": p.ends_on}
            for p in entry.availability.all()
        ],
        "confirmed_at": entry.confirmed_at,
        "stale": entry.is_stale(),
        "url": absolute(entry.get_absolute_url()),
    }


def _call_out(call: Call) -> dict[str, Any]:
    return {
        "slug": call.slug,
        "title": call.title,
        "description": call.description,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "open": call.is_open(),
        "profiles": [p.profile for p in call.profiles.all()],
        "languages": list(call.languages),
        "rounds": [
            {"number": r.number, "cutoff_on": r.cutoff_on} for r in call.rounds.all()
        ],
        "url": absolute(call.get_absolute_url()),
    }


PROFILE = "^(" + "|".join(Profile.values) + ")$"


@router.get(
    "/experts",
    response={200: ExpertPage, **ERRORS},
    auth=READ,
    url_name="experts",
    summary="The expert pool (public profiles)",
)
def list_pool_experts(
    request: HttpRequest,
    response: HttpResponse,
    capacity_area: str | None = Query(None, max_length=60),
    profile: str | None = Query(None, pattern=PROFILE),
    language: str | None = Query(None, max_length=8),
    country: str | None = Query(None, max_length=2),
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    chosen = PoolFilter(
        area=capacity_area or "",
        profile=profile or "",
        language=language or "",
        country=(country or "").upper(),
    )
    ids = [e.pk for e in filtered_pool(pool_for_listing(), chosen)]
    entries = pool_for_listing().filter(pk__in=ids).order_by("expert__full_name", "pk")
    return paged(request, response, entries, page, per_page, _expert_out)


@router.get(
    "/experts/{slug}",
    response={200: ExpertOut, **ERRORS},
    auth=READ,
    url_name="expert",
    summary="One expert of the pool",
)
def get_pool_expert(request: HttpRequest, slug: str) -> Any:
    # The listed pool only, whoever asks: an unlisted profile is not found.
    entry = get_for_user(
        pool_for_listing(),
        caller(request),
        can_see=permissions.can_see_pool_expert,
        hidden="No such expert.",
        slug=slug,
    )
    return _expert_out(entry)


def _published_calls() -> Any:
    return Call.objects.filter(is_published=True).prefetch_related("profiles", "rounds")


@router.get(
    "/expert-calls",
    response={200: CallPage, **ERRORS},
    auth=READ,
    url_name="expert_calls",
    summary="Calls for experts",
)
def list_expert_calls(
    request: HttpRequest,
    response: HttpResponse,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    calls = _published_calls().order_by("-opens_on", "pk")
    return paged(request, response, calls, page, per_page, _call_out)


@router.get(
    "/expert-calls/{slug}",
    response={200: CallOut, **ERRORS},
    auth=READ,
    url_name="expert_call",
    summary="One call for experts",
)
def get_expert_call(request: HttpRequest, slug: str) -> Any:
    call = get_for_user(
        _published_calls(),
        caller(request),
        can_see=permissions.can_see_call,
        hidden="No such call.",
        slug=slug,
    )
    return _call_out(call)
