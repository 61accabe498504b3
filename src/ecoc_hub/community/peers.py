"""Peer requests between city teams: asking, answering (on the workflow in
``workflow.py``), the shared thread, feedback from both sides; and the
suggested peers for a team's weak areas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Avg, Count, F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.accounts import team_areas
from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.cities.offers import offers

from . import services
from .enums import NotificationKind, PeerRequestState, SpaceAccess, SpaceKind
from .models import PeerFeedback, PeerRequest, Space
from .notify import notify
from .search_index import index_thread

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def tell_team(
    *,
    team: Organisation,
    kind: str,
    request: PeerRequest,
    but: User | None = None,
) -> None:
    """Every member of ``team`` but ``but`` gets a notification and an e-mail."""
    for membership in team.memberships.select_related("user"):
        if membership.user_id != getattr(but, "pk", None):
            notify(
                recipient=membership.user,
                kind=kind,
                url=request.get_absolute_url(),
                thread=request.thread,
                email="peer_request",
                context={"request": request},
            )


@transaction.atomic
def ask_peer(
    *,
    from_team: Organisation,
    to_team: Organisation,
    author: User,
    kind: str,
    capacity_area: CapacityArea,
    message: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> PeerRequest:
    """The request, its private space and its thread, whose first post is
    the message; the asked team is told."""
    space = Space.objects.create(
        name=f"{from_team.name} → {to_team.name}",
        slug=services.free_slug(f"peer-{from_team.slug}-{to_team.slug}"),
        kind=SpaceKind.PEER,
        access=SpaceAccess.TEAM,
    )
    request = PeerRequest(
        from_team=from_team,
        to_team=to_team,
        kind=kind,
        capacity_area=capacity_area,
        starts_on=starts_on,
        ends_on=ends_on,
        space=space,
        created_by=author,
    )
    title = _("%(kind)s on %(area)s") % {
        "kind": request.get_kind_display(),
        "area": capacity_area.display_name,
    }
    request.thread = services.start_thread(
        space=space, author=author, title=title, body=message
    )
    request.save()
    # Indexed again now that the space knows its two teams.
    index_thread(request.thread)
    tell_team(
        team=to_team, kind=NotificationKind.PEER_REQUEST, request=request, but=author
    )
    return request


@transaction.atomic
def give_feedback(
    *, request: PeerRequest, team: Organisation, author: User, rating: int, text: str
) -> PeerFeedback:
    return PeerFeedback.objects.create(
        request=request, team=team, author=author, rating=rating, text=text
    )


def feedback_sides(user: User, request: PeerRequest) -> list[Organisation]:
    """The sides of a completed request this person may still give feedback for."""
    if request.state != PeerRequestState.COMPLETED:
        return []
    given = set(request.feedback.values_list("team_id", flat=True))
    teams = set(user.memberships.values_list("organisation_id", flat=True))
    return [
        team
        for team in (request.from_team, request.to_team)
        if team.pk in teams and team.pk not in given
    ]


def has_areas(team: Organisation) -> bool:
    return team_areas.areas_of(team, shared_only=False) is not None


# Suggested peers ---------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    area: CapacityArea
    team: Organisation
    reasons: list[str]
    score: float


def _title_teams(title_ids: set[int]) -> dict[int, Organisation]:
    teams = Organisation.objects.filter(title_id__in=title_ids).select_related(
        "title__city"
    )
    return {team.title_id: team for team in teams if team.title_id is not None}


def _past_feedback(area: CapacityArea) -> dict[int, tuple[int, float]]:
    """Asked team → (completed requests on the area, mean rating they got)."""
    rows = (
        PeerFeedback.objects.filter(
            request__capacity_area=area,
            request__state=PeerRequestState.COMPLETED,
        )
        .filter(team=F("request__from_team"))
        .values("request__to_team")
        .annotate(n=Count("request", distinct=True), rating=Avg("rating"))
    )
    return {row["request__to_team"]: (row["n"], float(row["rating"])) for row in rows}


def suggested_peers(
    *, team: Organisation, user: User, per_area: int = 3
) -> list[Suggestion]:
    """For each weak area of ``team`` (its own latest self-assessment), the
    past title teams strong there, ranked, each with its reasons: their
    shared self-assessment and the library (``cities.offers`` "peer"
    offers), and the feedback of earlier peer requests on the area."""
    profile = team_areas.areas_of(team, shared_only=False)
    if profile is None:
        return []
    found: list[Suggestion] = []
    for area in CapacityArea.objects.filter(code__in=profile.weak).select_related(
        "criterion"
    ):
        peer_offers = [
            o for o in offers(area=area, user=user, limit=10) if o.kind == "peer"
        ]
        teams = _title_teams({int(o.key) for o in peer_offers})
        feedback = _past_feedback(area)
        ranked = []
        for offer in peer_offers:
            peer = teams.get(int(offer.key))
            if peer is None or peer.pk == team.pk:
                continue
            reasons = [offer.reason] if offer.reason else []
            score = offer.quality
            if peer.pk in feedback:
                count, rating = feedback[peer.pk]
                reasons.append(
                    ngettext(
                        "%(count)d team that asked them on this area rated the help "
                        "%(rating).1f out of 5.",
                        "%(count)d teams that asked them on this area rated the help "
                        "%(rating).1f out of 5 on average.",
                        count,
                    )
                    % {"count": count, "rating": rating}
                )
                score += 0.2 * (rating / 5)
            ranked.append(
                Suggestion(area=area, team=peer, reasons=reasons, score=score)
            )
        ranked.sort(key=lambda s: (-s.score, s.team.name))
        found.extend(ranked[:per_area])
    return found
