"""City teams listed on city and title pages (cities.related), so that a member
finds the team of their city where they look for the city."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from . import queries
from .models import Organisation


def _section(
    teams: QuerySet[Organisation], user: Any, *, always: bool = False
) -> RelatedSection | None:
    items = list(teams)
    if not items and not always:
        return None
    return RelatedSection(
        heading=_("City teams"),
        template="accounts/includes/related_teams.html",
        context={"teams": items, "signed_in": bool(user.is_authenticated)},
        order=90,
    )


def teams_for_city(*, obj: Any, user: Any) -> RelatedSection | None:
    return _section(queries.teams_for_city(city=obj), user)


def teams_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    # A title page says so when no team has joined yet: it is where a team
    # looks for itself.
    return _section(queries.teams_for_city(title=obj), user, always=True)


def register_sections() -> None:
    register("city", teams_for_city)
    register("title", teams_for_title)
