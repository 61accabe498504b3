from __future__ import annotations

import pytest

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.accounts.permissions import is_team_admin
from ecoc_hub.certificates import sources
from ecoc_hub.certificates.services import Achievement, issue_certificate
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

ACHIEVEMENT = Achievement(
    title="Certificate of attendance: Academy Camp 2",
    description="Digital approaches to audience development, Timișoara 2023.",
    criteria="Attended at least 75 % of the sessions.",
)


@pytest.fixture
def team_source(monkeypatch):
    """Teams stand in for an event: their admins manage the certificates."""
    monkeypatch.setattr(sources, "_sources", dict(sources._sources))
    sources.register_source(
        Organisation,
        can_manage=is_team_admin,
        link=lambda team: (team.name, team.get_absolute_url()),
    )
    team = OrganisationFactory(name="Camp organisers", slug="camp-organisers")
    return team


@pytest.fixture
def organiser(team_source):
    return MembershipFactory(organisation=team_source, role="admin").user


@pytest.fixture
def recipient(db):
    return UserFactory(display_name="Ana Ionescu", preferred_language="en")


@pytest.fixture
def certificate(recipient, team_source):
    return issue_certificate(
        recipient=recipient, achievement=ACHIEVEMENT, source=team_source
    )
