"""Fixtures of the assessment tests: a team with an admin and a member,
another team, an expert, and helpers that answer a whole assessment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from ecoc_hub.accounts.models import Membership
from ecoc_hub.assessment import services
from ecoc_hub.assessment.models import Assessment, Statement
from ecoc_hub.cities.models import Title
from ecoc_hub.library.models import Resource
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def team(db):
    return OrganisationFactory(name="Oulu team", slug="oulu-team")


@pytest.fixture
def team_admin(team):
    return MembershipFactory(
        organisation=team, role=Membership.Role.ADMIN, user__display_name="Aino"
    ).user


@pytest.fixture
def team_member(team):
    return MembershipFactory(organisation=team, user__display_name="Mikko").user


@pytest.fixture
def other_team_member(db):
    return MembershipFactory(user__display_name="Olga").user


@pytest.fixture
def expert(db):
    return UserFactory(roles=["expert"], display_name="Elena Expert")


def make_assessment(team: Any, *, stage: str = "selection", person: Any = None):
    return services.start_assessment(organisation=team, stage=stage, person=person)


def answer_all(
    assessment: Assessment,
    person: Any,
    level: int | Callable[[Statement], int] = 3,
) -> None:
    statements = Statement.objects.filter(version=assessment.version).select_related(
        "area"
    )
    services.save_answers(
        assessment=assessment,
        person=person,
        changes=[
            services.AnswerChange(
                statement=s, level=level(s) if callable(level) else level
            )
            for s in statements
        ],
    )


def submitted(team: Any, admin: Any, level: Any = 3, stage: str = "selection"):
    assessment = make_assessment(team, stage=stage, person=admin)
    answer_all(assessment, admin, level)
    services.submit_assessment(assessment=assessment, person=admin)
    assessment.refresh_from_db()
    return assessment


def make_resource(
    *, title: str, areas: list[Any], kind: str = "toolkit", titles: Any = (), **extra
) -> Resource:
    """A published public record (no file: the ranking reads metadata only)."""
    resource = Resource.objects.create(
        title=title,
        resource_type=kind,
        state=Resource.State.PUBLISHED,
        access=extra.pop("access", Resource.Access.PUBLIC),
        published_at=timezone.now(),
        publication_year=2024,
        **extra,
    )
    resource.capacity_areas.set(areas)
    resource.titles.set(titles)
    return resource


def past_title(city: str = "Chemnitz", year: int = 2025) -> Title:
    return Title.objects.get(city__name=city, year=year)
