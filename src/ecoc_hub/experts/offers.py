"""The expert pool, offered to the self-assessment's recommendations
(``cities.offers``): for a weak area, a support request on that area,
when the pool holds experts accepted with it.

The offer opens the support request form with the area already ticked;
the matching (``matching.py``) then suggests who fits. Only people who may ask
for support (members of a city team) get the offer; an expert reading a
result shared with them does not.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.cities.offers import Offer, register

from . import permissions
from .search_index import public_entries

#: The pool counts as deep on an area from this many experts (quality 1.0).
DEEP_POOL = 3


def pool_size(area: Any, *, teams: set[int]) -> int:
    """Listed experts of the pool (as ``matching`` reads it) who work on
    ``area``, leaving out the members of ``teams`` (matching never proposes
    them)."""
    return (
        public_entries()
        .filter(capacity_areas=area)
        .exclude(expert__user__memberships__organisation_id__in=teams)
        .values("pk")
        .distinct()
        .count()
    )


def support_on_area(*, area: Any, user: Any, limit: int) -> list[Offer]:
    if not permissions.can_ask_for_support(user):
        return []
    count = pool_size(area, teams=permissions.team_ids(user))
    if not count:
        return []
    url = reverse("experts:support_new") + "?" + urlencode({"area": area.code})
    return [
        Offer(
            kind="expert",
            key=f"support:{area.code}",
            title=_("Ask the expert pool for support on %(area)s")
            % {"area": area.display_name},
            url=url,
            reason=ngettext(
                "%(count)d expert of the pool works on %(area)s. Describe "
                "your need and the hub suggests who fits.",
                "%(count)d experts of the pool work on %(area)s. Describe "
                "your need and the hub suggests who fits.",
                count,
            )
            % {"count": count, "area": area.display_name},
            specificity=1.0,
            quality=min(1.0, count / DEEP_POOL),
            detail=_("Support request"),
        )
    ]


def register_offers() -> None:
    register("expert", support_on_area)
