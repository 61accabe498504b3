from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library import samples, services
from ecoc_hub.library.files import stage_upload
from ecoc_hub.library.models import Resource
from tests.factories import MembershipFactory, OrganisationFactory

PAGES = [
    "The first page talks about audience development in the title year.",
    "The second page explains the volunteering programme of the city.",
    "The third page holds the word zythophilia only here.",
]


def stage(data: bytes, name: str):
    return stage_upload(source=io.BytesIO(data), filename=name)


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def make_resource(
    *,
    owner: Any,
    title: str = "Audience development toolkit",
    state: str = "published",
    access: str = "public",
    teams: list[Any] | None = None,
    pages: list[str] | None = None,
    languages: list[str] | None = None,
    year: int = 2024,
    curator: Any = None,
    **values: Any,
) -> Resource:
    resource = services.create_draft(
        owner=owner,
        title=title,
        values={
            "abstract": "A short abstract.",
            "publication_year": year,
            "languages": languages or ["en"],
            "resource_type": "toolkit",
            "licence": "cc-by-4.0",
            "access": access,
            **values,
        },
        creators=[services.CreatorData(name="Ada Author")],
        capacity_areas=list(CapacityArea.objects.order_by("pk")[:1]),
        titles=list(Title.objects.filter(year=2026, city__name="Oulu")),
        allowed_organisations=teams or [],
    )
    services.add_file(
        resource=resource,
        staged=stage(samples.build_pdf(pages or PAGES, title=title), "report.pdf"),
        uploaded_by=owner,
    )
    if state in {"submitted", "published", "changes_requested", "rejected"}:
        services.submit_for_review(resource=resource, user=owner)
    if state == "published":
        services.approve(resource=resource, curator=curator)
    resource.refresh_from_db()
    return resource


@pytest.fixture
def team(db):
    return OrganisationFactory(name="Oulu team", slug="oulu-team")


@pytest.fixture
def team_member(db, team):
    membership = MembershipFactory(organisation=team)
    return membership.user


@pytest.fixture
def published(member, curator):
    return make_resource(owner=member, curator=curator)
