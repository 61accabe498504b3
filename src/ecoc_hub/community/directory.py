"""Reads of the directory: each city team with its title, stage of the ECoC
cycle, listed members and the areas it is strong in and needs (from a
self-assessment it chose to share, through ``accounts.team_areas``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts import team_areas
from ecoc_hub.accounts.enums import OrganisationKind
from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.cities.models import CapacityArea

from .models import DirectoryEntry


@dataclass(frozen=True)
class TeamRow:
    team: Organisation
    stage: str
    listed: list[Any]
    strong: list[CapacityArea]
    weak: list[CapacityArea]


def stage_of(team: Organisation) -> str:
    """Where the team stands in the cycle, in the reader's language."""
    if team.kind == OrganisationKind.CANDIDATE_TEAM:
        return _("Candidate city")
    if team.title is None:
        return _("Other organisation")
    year = timezone.localdate().year
    if team.title.year > year:
        return _("Preparing its title year")
    if team.title.year == year:
        return _("In its title year")
    return _("Past title city")


def team_rows(*, user: Any) -> list[TeamRow]:
    listed = Membership.objects.filter(
        user__directory_entry__is_listed=True, user__is_active=True
    ).select_related("user")
    teams = (
        Organisation.objects.exclude(kind=OrganisationKind.OTHER)
        .select_related("title__city")
        .prefetch_related(Prefetch("memberships", queryset=listed, to_attr="listed"))
        .order_by("-title__year", "name")
    )
    areas = {a.code: a for a in CapacityArea.objects.all()}
    rows = []
    for team in teams:
        profile = team_areas.areas_of(team, shared_only=True)
        rows.append(
            TeamRow(
                team=team,
                stage=stage_of(team),
                listed=[m.user for m in getattr(team, "listed", [])],
                strong=[
                    areas[c] for c in (profile.strong if profile else ()) if c in areas
                ],
                weak=[
                    areas[c] for c in (profile.weak if profile else ()) if c in areas
                ],
            )
        )
    return rows


def listed_people() -> list[DirectoryEntry]:
    return list(
        DirectoryEntry.objects.filter(is_listed=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("areas", "user__memberships__organisation")
        .order_by("user__display_name", "pk")
    )
