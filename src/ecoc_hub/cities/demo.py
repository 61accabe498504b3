"""Demo content of the cities app: a few fictional city teams.

Called first by ``ecoc-hub demo``; running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.accounts.services import create_team

from .models import Title

DEMO_TEAMS: list[dict[str, Any]] = [
    {
        "kind": Organisation.Kind.TITLE_TEAM,
        "city": "Oulu",
        "year": 2026,
        "name": "Oulu 2026 programme team (demo)",
        "description": (
            "A fictional team used in the demo content: the programme and "
            "production staff of a northern title city, working on winter "
            "events, climate and community projects across a wide region."
        ),
    },
    {
        "kind": Organisation.Kind.TITLE_TEAM,
        "city": "Trenčín",
        "year": 2026,
        "name": "Trenčín 2026 delivery team (demo)",
        "description": (
            "A fictional team used in the demo content: the delivery office of "
            "a mid-sized title city, in charge of venues, volunteers and the "
            "evaluation of the title year."
        ),
    },
    {
        "kind": Organisation.Kind.CANDIDATE_TEAM,
        "candidate_city": "Valdoria",
        "candidate_year": 2033,
        "name": "Valdoria 2033 bid team (demo)",
        "description": (
            "A fictional candidate city team used in the demo content, "
            "preparing its first bid book."
        ),
    },
]


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    """Create the demo teams that do not exist yet; return how many were made."""
    created = 0
    for spec in DEMO_TEAMS:
        if Organisation.objects.filter(name=spec["name"], kind=spec["kind"]).exists():
            continue
        if spec["kind"] == Organisation.Kind.TITLE_TEAM:
            title = Title.objects.get(city__name=spec["city"], year=spec["year"])
            create_team(
                kind=spec["kind"],
                name=spec["name"],
                title=title,
                description=spec["description"],
            )
        else:
            create_team(
                kind=spec["kind"],
                name=spec["name"],
                candidate_city=spec["candidate_city"],
                candidate_year=spec["candidate_year"],
                description=spec["description"],
            )
        created += 1
    stdout.write(
        _("City teams: %(created)d created, %(total)d in the demo.")
        % {"created": created, "total": len(DEMO_TEAMS)}
    )
    return created
