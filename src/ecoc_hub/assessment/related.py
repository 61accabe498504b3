"""The team page shows the team's self-assessments to its members
(``cities.related``, page ``team``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from . import permissions, queries


def assessments_for_team(*, obj: Any, user: Any) -> RelatedSection | None:
    if not permissions.can_see_team_assessments(user, obj):
        return None
    return RelatedSection(
        heading=_("Capacity self-assessment"),
        template="assessment/includes/team_section.html",
        context={
            "team": obj,
            "assessments": list(queries.team_assessments(obj)[:5]),
            "team_url": reverse("assessment:team", args=[obj.slug]),
        },
        order=20,
    )


def register_sections() -> None:
    register("team", assessments_for_team)
