"""The expert pool, offered to the self-assessment's recommendations
(``cities.offers``): for a weak area, the experts of the pool who work on
it (their public profile, with why each is proposed), and a support
request on that area.

The offer opens the support request form with the area already ticked;
the matching (``matching.py``) then suggests who fits. Only people who may ask
for support (members of a city team) get the offer; an expert reading a
result shared with them does not.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.cities.offers import Offer, register

from . import permissions
from .pool_models import PoolExpert
from .search_index import public_entries
from .support_enums import AssignmentState

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


def experts_on_area(*, area: Any, user: Any, limit: int) -> list[Offer]:
    """The pool's experts on ``area``: those with the most support work
    completed through the hub first, then those working on fewest other
    areas (the most specialised). Members of the reader's teams are left
    out, as the matching leaves them out."""
    if not permissions.can_ask_for_support(user):
        return []
    on_area = PoolExpert.capacity_areas.through.objects.filter(
        capacityarea=area
    ).values("poolexpert_id")
    entries = (
        public_entries()
        .filter(pk__in=on_area)
        .exclude(
            expert__user__memberships__organisation_id__in=permissions.team_ids(user)
        )
        .annotate(
            area_count=Count("capacity_areas", distinct=True),
            completed=Count(
                "expert__support_assignments",
                filter=Q(expert__support_assignments__state=AssignmentState.COMPLETED),
                distinct=True,
            ),
        )
        .select_related("expert")
        .order_by("-completed", "area_count", "slug")
        .distinct()[:limit]
    )
    found = []
    for entry in entries:
        if entry.completed:
            reason = ngettext(
                "Works on %(area)s and has completed %(count)d support "
                "assignment through the hub.",
                "Works on %(area)s and has completed %(count)d support "
                "assignments through the hub.",
                entry.completed,
            ) % {"area": area.display_name, "count": entry.completed}
        else:
            reason = _("Works on %(area)s, an area of the expert's profile.") % {
                "area": area.display_name
            }
        found.append(
            Offer(
                kind="expert",
                key=f"pool:{entry.slug}",
                title=entry.expert.full_name,
                url=entry.get_absolute_url(),
                reason=reason,
                specificity=1 / max(1, entry.area_count),
                quality=min(1.0, 0.5 + 0.25 * entry.completed),
                detail=entry.headline or _("Expert of the pool"),
            )
        )
    return found


def register_offers() -> None:
    register("expert", experts_on_area)
    register("expert", support_on_area)
