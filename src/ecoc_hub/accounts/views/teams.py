"""The directory of teams, joining one, and managing its members and
invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ecoc_hub.cities import related
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, queries, services
from ..forms import (
    InvitationForm,
    JoinRequestDecisionForm,
    JoinRequestForm,
    TeamDetailsForm,
    TeamForm,
    TeamSearchForm,
    decision_prefix,
)
from ..models import Invitation, JoinRequest, Membership, Organisation
from .common import _next_query

JOIN_REQUEST_ERRORS = {
    "member": gettext_lazy("You are already a member of this team."),
    "pending": gettext_lazy(
        "You have already asked to join this team. The team admins will answer "
        "your request."
    ),
    "inactive": gettext_lazy("This account cannot join a team."),
}

DECISION_DONE = {
    "accept": gettext_lazy("%(name)s is now a member of the team."),
    "decline": gettext_lazy("The request of %(name)s was declined."),
    "withdraw": gettext_lazy("Your request to join the team was withdrawn."),
}


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    form = TeamSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "accounts/team_list.html",
        {
            "teams": queries.team_list(search),
            "search_form": form,
            "search": search,
            "can_create": permissions.can_create_team(request.user),
            "breadcrumbs": [(_("City teams"), "")],
        },
    )


@requires(permissions.can_create_team)
@require_http_methods(["GET", "POST"])
def team_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.create_team(
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            title=form.cleaned_data["title"],
            candidate_city=form.cleaned_data["candidate_city"],
            candidate_year=form.cleaned_data["candidate_year"],
            description=form.cleaned_data["description"],
            website=form.cleaned_data["website"],
        )
        messages.success(request, _("The team was created. Invite its members now."))
        return redirect(team)
    return render(
        request,
        "accounts/team_form.html",
        {
            "form": form,
            "breadcrumbs": [
                (_("City teams"), reverse("accounts:team_list")),
                (_("New team"), ""),
            ],
        },
    )


def _get_team_for_user(request: HttpRequest, slug: str) -> Organisation:
    return get_for_user(
        Organisation.objects.select_related("title__city"),
        request.user,
        can_see=permissions.can_view_team,
        slug=slug,
    )


def _get_team_for_manager(request: HttpRequest, slug: str) -> Organisation:
    return get_for_user(
        Organisation,
        request.user,
        can_see=permissions.can_view_team,
        can_do=permissions.can_manage_team,
        slug=slug,
    )


def _render_team(
    request: HttpRequest,
    team: Organisation,
    invite_form: InvitationForm | None = None,
    join_form: JoinRequestForm | None = None,
    decision_form: tuple[int, JoinRequestDecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    can_manage = permissions.can_manage_team(request.user, team)
    can_join = permissions.can_request_to_join(request.user, team)
    my_request = queries.pending_join_request_for(team, request.user)

    def form_for(join_request: JoinRequest) -> JoinRequestDecisionForm:
        # Each request on the page answers through its own form; the one
        # that was just sent comes back with its errors.
        if decision_form is not None and decision_form[0] == join_request.pk:
            return decision_form[1]
        return JoinRequestDecisionForm(prefix=decision_prefix(join_request))

    context = {
        "team": team,
        "memberships": queries.visible_memberships(team, request.user),
        "can_manage": can_manage,
        "can_join": can_join and my_request is None,
        "my_join_request": my_request,
        "my_join_request_form": form_for(my_request) if my_request else None,
        "related_sections": related.sections("team", obj=team, user=request.user),
        "join_form": join_form or JoinRequestForm(),
        "login_to_join_url": reverse("account_login")
        + "?"
        + _next_query(team.get_absolute_url()),
        "breadcrumbs": [
            (_("City teams"), reverse("accounts:team_list")),
            (team.name, ""),
        ],
    }
    if can_manage:
        context["managed_memberships"] = queries.all_memberships(team)
        context["pending_invitations"] = queries.pending_team_invitations(team)
        join_requests = list(queries.pending_join_requests(team))
        context["join_requests"] = join_requests
        context["join_request_rows"] = [
            (join_request, form_for(join_request)) for join_request in join_requests
        ]
        context["join_request_history"] = queries.join_request_history(team)
        context["invite_form"] = invite_form or InvitationForm(organisation=team)
        context["now"] = timezone.now()
    return render(request, "accounts/team.html", context, status=status)


@require_GET
def team(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_team(request, _get_team_for_user(request, slug))


@login_required
@require_POST
def team_join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _get_team_for_user(request, slug)
    user = request.user
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return _render_team(request, organisation, join_form=form, status=400)
    try:
        services.request_to_join(
            organisation=organisation,
            user=user,
            message=form.cleaned_data["message"],
        )
    except services.JoinRequestError as error:
        messages.error(request, JOIN_REQUEST_ERRORS[error.code])
        return redirect(organisation)
    messages.success(
        request,
        _(
            "Your request to join %(team)s was sent. You will get an e-mail when "
            "a team admin answers it."
        )
        % {"team": organisation.name},
    )
    return redirect(organisation)


@login_required
@require_POST
def join_request_decide(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    """Every answer to a join request (``accounts.workflow``): accept and
    decline from the team admins, withdraw from the person who asked."""
    join_request = get_for_user(
        JoinRequest.objects.select_related("user", "organisation__title__city"),
        request.user,
        can_see=permissions.can_see_join_request,
        pk=pk,
        organisation__slug=slug,
    )
    organisation = join_request.organisation
    form = JoinRequestDecisionForm(request.POST, prefix=decision_prefix(join_request))
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.decide_join_request(
                join_request=join_request,
                action=action,
                actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except TransitionError as error:
            if error.field is None:
                # Answered meanwhile: the request is no longer on the page.
                messages.error(request, error.message)
                return redirect(organisation)
            error.add_to_form(form)
        else:
            messages.success(
                request,
                DECISION_DONE[action] % {"name": join_request.user.public_name},
            )
            return redirect(organisation)
    return _render_team(
        request, organisation, decision_form=(join_request.pk, form), status=400
    )


@login_required
@require_POST
def team_invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    form = InvitationForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _render_team(request, organisation, invite_form=form, status=400)
    user = request.user
    invitation = services.invite_to_team(
        organisation=organisation,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        invited_by=user,
    )
    messages.success(
        request,
        _("An invitation was sent to %(email)s.") % {"email": invitation.email},
    )
    return redirect(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    form = TeamDetailsForm(
        request.POST or None,
        initial={
            "name": organisation.name,
            "description": organisation.description,
            "website": organisation.website,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_team(
            organisation=organisation,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            website=form.cleaned_data["website"],
        )
        messages.success(request, _("The team was saved."))
        return redirect(organisation)
    return render(
        request,
        "accounts/team_edit.html",
        {
            "form": form,
            "team": organisation,
            "breadcrumbs": [
                (_("City teams"), reverse("accounts:team_list")),
                (organisation.name, organisation.get_absolute_url()),
                (_("Edit the team"), ""),
            ],
        },
    )


@login_required
@require_POST
def team_remove_member(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    name = membership.user.public_name
    services.remove_member(membership=membership)
    messages.success(request, _("%(name)s was removed from the team.") % {"name": name})
    return redirect(organisation)


@login_required
@require_POST
def invitation_resend(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    invitation = get_object_or_404(
        Invitation, pk=pk, organisation=organisation, accepted_at__isnull=True
    )
    services.resend_invitation(invitation=invitation)
    messages.success(
        request,
        _("The invitation to %(email)s was sent again.") % {"email": invitation.email},
    )
    return redirect(organisation)


@login_required
@require_POST
def invitation_cancel(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    invitation = get_object_or_404(
        Invitation, pk=pk, organisation=organisation, accepted_at__isnull=True
    )
    email = invitation.email
    services.cancel_invitation(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was cancelled.") % {"email": email}
    )
    return redirect(organisation)
