"""Peer requests: my teams' requests, asking a team, a request's page with
its answer, its thread and the feedback of both sides, and the suggested
peers for a team's weak areas."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.accounts.permissions import is_member, is_team_member
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import (
    ActionRefused,
    ObjectHidden,
    get_for_user,
    requires,
)
from ecoc_hub.core.workflow import TransitionError, transition

from .. import peers, permissions, queries
from ..models import PeerRequest
from ..peer_forms import FeedbackForm, PeerDecisionForm, PeerRequestForm
from ..workflow import PEER_REQUEST_STATE
from .discussions import crumbs


def _peer_crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return crumbs((_("Peer requests"), reverse("community:peer_requests")), *items)


@requires(is_member)
def peer_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = list(queries.teams_of(request.user))
    found = (
        PeerRequest.objects.filter(Q(from_team__in=teams) | Q(to_team__in=teams))
        .select_related("from_team", "to_team", "capacity_area")
        .order_by("-created_at")
    )
    return render(
        request,
        "community/peer_list.html",
        {
            "teams": teams,
            "requests": list(found),
            "can_ask": bool(teams),
            "breadcrumbs": crumbs((_("Peer requests"), "")),
        },
    )


@requires(permissions.can_request_peer)
@require_http_methods(["GET", "POST"])
def peer_request_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = queries.teams_of(request.user)
    initial: dict[str, object] = {}
    to = Organisation.objects.filter(slug=request.GET.get("to", "")).first()
    if to is not None:
        initial["to_team"] = to.pk
    area = CapacityArea.objects.filter(code=request.GET.get("area", "")).first()
    if area is not None:
        initial["capacity_area"] = area.pk
    kind = request.GET.get("kind", "")
    if kind:
        initial["kind"] = kind
    form = PeerRequestForm(request.POST or None, own_teams=own, initial=initial)
    if request.method == "POST" and form.is_valid():
        peer_request = peers.ask_peer(author=request.user, **form.cleaned_data)
        messages.success(request, _("Your request is sent: they are told now."))
        return redirect(peer_request)
    return render(
        request,
        "community/peer_form.html",
        {"form": form, "breadcrumbs": _peer_crumbs((_("Ask a team"), ""))},
    )


def _get_request(request: AuthenticatedHttpRequest, uuid: str) -> PeerRequest:
    return get_for_user(
        PeerRequest.objects.select_related(
            "from_team__title__city", "to_team__title__city", "capacity_area", "thread"
        ),
        request.user,
        can_see=permissions.can_see_peer_request,
        uuid=uuid,
    )


@requires(is_member)
def peer_request(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    peer_request = _get_request(request, uuid)
    return _request_page(request, peer_request)


def _request_page(
    request: AuthenticatedHttpRequest,
    peer_request: PeerRequest,
    decision_form: PeerDecisionForm | None = None,
    feedback_form: FeedbackForm | None = None,
) -> HttpResponse:
    sides = peers.feedback_sides(request.user, peer_request)
    return render(
        request,
        "community/peer_request.html",
        {
            "peer_request": peer_request,
            "actions": [
                t.action
                for t in PEER_REQUEST_STATE.available(request.user, peer_request)
            ],
            "decision_form": decision_form or PeerDecisionForm(),
            "feedback_form": feedback_form or FeedbackForm(),
            "feedback_sides": sides,
            "feedback": list(peer_request.feedback.select_related("team", "author")),
            "history": [
                (event, PEER_REQUEST_STATE.state_label(event.to_state))
                for event in peer_request.events.select_related("actor")
            ],
            "posts": peer_request.thread.posts.count(),
            "breadcrumbs": _peer_crumbs((str(peer_request.thread.title), "")),
        },
        status=400 if (decision_form or feedback_form) else 200,
    )


@requires(is_member)
@require_POST
def peer_request_act(
    request: AuthenticatedHttpRequest, uuid: str, action: str
) -> HttpResponse:
    peer_request = _get_request(request, uuid)
    form = PeerDecisionForm(request.POST)
    if form.is_valid():
        try:
            transition(
                peer_request,
                action,
                actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            return redirect(peer_request)
    return _request_page(request, peer_request, decision_form=form)


@requires(is_member)
@require_POST
def peer_feedback(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    peer_request = _get_request(request, uuid)
    sides = peers.feedback_sides(request.user, peer_request)
    if not sides:
        raise ActionRefused
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _request_page(request, peer_request, feedback_form=form)
    peers.give_feedback(
        request=peer_request, team=sides[0], author=request.user, **form.cleaned_data
    )
    messages.success(request, _("Thank you for your feedback."))
    return redirect(peer_request)


@requires(is_member)
def suggestions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    team = Organisation.objects.filter(slug=slug).first()
    if team is None or not is_team_member(request.user, team):
        raise ObjectHidden
    return render(
        request,
        "community/suggestions.html",
        {
            "team": team,
            "suggestions": peers.suggested_peers(team=team, user=request.user),
            "has_assessment": peers.has_areas(team),
            "breadcrumbs": _peer_crumbs((_("Suggested peers"), "")),
        },
    )
