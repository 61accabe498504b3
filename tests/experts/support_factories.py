"""Dumb factories for support requests and the pool they are matched with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import slugify

from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.experts.models import (
    Application,
    Call,
    EcocExperience,
    ExpertProfile,
    SupportRequest,
)
from ecoc_hub.experts.pool_models import PoolExpert
from ecoc_hub.experts.pool_services import add_to_pool
from tests.factories import UserFactory


def pool_call() -> Call:
    today = timezone.localdate()
    call, _created = Call.objects.get_or_create(
        slug="pool-call",
        defaults={
            "title": "Pool call",
            "description": "The pool.",
            "opens_on": today - dt.timedelta(days=400),
            "closes_on": today - dt.timedelta(days=100),
            "is_published": True,
        },
    )
    return call


def title(city: str, year: int) -> Title:
    return Title.objects.get(city__name=city, year=year)


def make_pool_expert(
    name: str,
    *,
    areas: Iterable[str] = (),
    profiles: Iterable[str] = (),
    languages: Iterable[tuple[str, str]] = (("en", "C2"),),
    experience: Iterable[tuple[Title, str]] = (),
    text: str = "",
    stale: bool = False,
    country: str = "FR",
    preferred_language: str = "en",
) -> ExpertProfile:
    user = UserFactory(
        display_name=name, roles=["expert"], preferred_language=preferred_language
    )
    profile = ExpertProfile.objects.create(user=user, full_name=name, country=country)
    application = Application.objects.create(
        call=pool_call(),
        expert=profile,
        state=Application.State.ACCEPTED,
        profiles=list(profiles),
        languages=[{"code": c, "level": level} for c, level in languages],
        motivation=text,
        submitted_at=timezone.now(),
        declaration=True,
    )
    application.capacity_areas.set(CapacityArea.objects.filter(code__in=list(areas)))
    for t, role in experience:
        EcocExperience.objects.create(application=application, title=t, role=role)
    entry = add_to_pool(application=application)
    entry.countries = [country]
    entry.save(update_fields=["countries"])
    if stale:
        PoolExpert.objects.filter(pk=entry.pk).update(
            confirmed_at=timezone.now() - dt.timedelta(days=400)
        )
    return profile


def make_team(
    name: str = "Timișoara team",
    *,
    city: str = "Timișoara",
    year: int = 2023,
    slug: str = "",
) -> Organisation:
    return Organisation.objects.create(
        name=name,
        # A valid slug whatever the name: the team's page link is reversed from it.
        slug=slug or slugify(name),
        kind=Organisation.Kind.TITLE_TEAM,
        title=title(city, year),
    )


def join(team: Organisation, user, role: str = Membership.Role.MEMBER):
    Membership.objects.create(organisation=team, user=user, role=role)
    return user


def make_request(
    team: Organisation,
    author=None,
    *,
    areas: Iterable[str] = ("audience-development",),
    state: str = SupportRequest.State.SUBMITTED,
    description: str = "We want new audiences in the districts.",
    languages: Iterable[str] = (),
    profiles: Iterable[str] = (),
    text_language: str = "en",
    title_text: str = "Reaching new audiences",
    days: tuple[int, int] = (30, 60),
) -> SupportRequest:
    today = timezone.localdate()
    request = SupportRequest.objects.create(
        team=team,
        created_by=author,
        title=title_text,
        description=description,
        text_language=text_language,
        languages=list(languages),
        profiles=list(profiles),
        starts_on=today + dt.timedelta(days=days[0]),
        ends_on=today + dt.timedelta(days=days[1]),
        state=state,
    )
    request.capacity_areas.set(CapacityArea.objects.filter(code__in=list(areas)))
    return request
