from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from ecoc_hub.core.permissions import check_object, get_for_user, requires

from . import permissions, queries, services
from .forms import (
    ConsentForm,
    DeleteAccountForm,
    InvitationForm,
    JoinRequestForm,
    ProfileForm,
    TeamDetailsForm,
    TeamForm,
    TeamSearchForm,
)
from .languages import language_name
from .models import Invitation, JoinRequest, Membership, Organisation, User
from .photos import CONTENT_TYPES
from .privacy import (
    contributions_policy,
    export_user_data,
    personal_files,
    stream_files_zip,
)

JOIN_REQUEST_ERRORS = {
    "member": gettext_lazy("You are already a member of this team."),
    "pending": gettext_lazy(
        "You have already asked to join this team. The team admins will answer "
        "your request."
    ),
    "inactive": gettext_lazy("This account cannot join a team."),
    "decided": gettext_lazy("This request has already been answered."),
}

INVITATION_ERRORS = {
    "unknown": gettext_lazy(
        "This invitation link is not valid. Check that you copied the whole "
        "link from the e-mail."
    ),
    "used": gettext_lazy("This invitation has already been used."),
    "expired": gettext_lazy(
        "This invitation has expired. Ask the team to send you a new one."
    ),
    "wrong_person": gettext_lazy(
        "This invitation was sent to another e-mail address. Log in with that "
        "address, or add and verify it in your e-mail settings."
    ),
}


def _signed_in_user(request: HttpRequest) -> User:
    """The signed-in person, for views behind login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _dashboard_crumb() -> tuple[str, str]:
    return (_("My hub"), reverse("accounts:dashboard"))


# Dashboard and profile -------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    memberships = user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "invitations": queries.pending_invitations_for(user),
            "my_join_requests": queries.my_pending_join_requests(user),
            "join_requests_to_decide": queries.join_requests_to_decide(user),
            "breadcrumbs": [(_("My hub"), "")],
        },
    )


def _get_person_for_viewer(request: HttpRequest, pk: int) -> User:
    return get_for_user(User, request.user, can_see=permissions.can_view_profile, pk=pk)


@require_GET
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for_viewer(request, pk)
    memberships = person.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "person": person,
            "memberships": memberships,
            "language_names": [language_name(code) for code in person.languages],
            "is_self": request.user.pk == person.pk,
            "breadcrumbs": [(person.public_name, "")],
        },
    )


@require_GET
def profile_photo(request: HttpRequest, pk: int) -> FileResponse:
    person = _get_person_for_viewer(request, pk)
    name = person.photo.name if person.photo else ""
    extension = (name or "").rsplit(".", 1)[-1].lower()
    if not name or extension not in CONTENT_TYPES or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=CONTENT_TYPES[extension],
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, has_photo=bool(user.photo))
        if form.is_valid():
            services.update_profile(
                user=user,
                display_name=form.cleaned_data["display_name"],
                organisation_name=form.cleaned_data["organisation_name"],
                languages=form.cleaned_data["languages"],
                bio=form.cleaned_data["bio"],
                visibility=form.cleaned_data["visibility"],
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile", pk=user.pk)
    else:
        form = ProfileForm(
            has_photo=bool(user.photo),
            initial={
                "display_name": user.display_name,
                "organisation_name": user.organisation_name,
                "languages": user.languages,
                "bio": user.bio,
                "visibility": user.visibility,
            },
        )
    return render(
        request,
        "accounts/profile_edit.html",
        {
            "form": form,
            "breadcrumbs": [_dashboard_crumb(), (_("Edit my profile"), "")],
        },
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also saves the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        isinstance(user, User)
        and user.is_authenticated
        and settings.LANGUAGE_COOKIE_NAME in response.cookies
    ):
        services.save_preferred_language(user=user, language=language)
    return response


# Teams -----------------------------------------------------------------------


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
def team_create(request: HttpRequest) -> HttpResponse:
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
    status: int = 200,
) -> HttpResponse:
    can_manage = permissions.can_manage_team(request.user, team)
    can_join = permissions.can_request_to_join(request.user, team)
    my_request = queries.pending_join_request_for(team, request.user)
    context = {
        "team": team,
        "memberships": queries.visible_memberships(team, request.user),
        "can_manage": can_manage,
        "can_join": can_join and my_request is None,
        "my_join_request": my_request,
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
        context["join_requests"] = queries.pending_join_requests(team)
        context["invite_form"] = invite_form or InvitationForm(organisation=team)
        context["now"] = timezone.now()
    return render(request, "accounts/team.html", context, status=status)


@require_GET
def team(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("title__city"), slug=slug
    )
    return _render_team(request, organisation)


@login_required
@require_POST
def team_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("title__city"), slug=slug
    )
    user = _signed_in_user(request)
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


def _get_pending_join_request(organisation: Organisation, pk: int) -> JoinRequest:
    return get_object_or_404(
        JoinRequest.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
        status=JoinRequest.Status.PENDING,
    )


@login_required
@require_POST
def join_request_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    join_request = _get_pending_join_request(organisation, pk)
    try:
        services.accept_join_request(
            join_request=join_request, decided_by=_signed_in_user(request)
        )
    except services.JoinRequestError as error:
        messages.error(request, JOIN_REQUEST_ERRORS[error.code])
        return redirect(organisation)
    messages.success(
        request,
        _("%(name)s is now a member of the team.")
        % {"name": join_request.user.public_name},
    )
    return redirect(organisation)


@login_required
@require_POST
def join_request_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    join_request = _get_pending_join_request(organisation, pk)
    try:
        services.decline_join_request(
            join_request=join_request, decided_by=_signed_in_user(request)
        )
    except services.JoinRequestError as error:
        messages.error(request, JOIN_REQUEST_ERRORS[error.code])
        return redirect(organisation)
    messages.success(
        request,
        _("The request of %(name)s was declined.")
        % {"name": join_request.user.public_name},
    )
    return redirect(organisation)


@login_required
@require_POST
def join_request_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    # Someone else's request is none of this person's business: a 404.
    join_request = check_object(
        request.user,
        _get_pending_join_request(organisation, pk),
        can_see=permissions.is_join_request_author,
    )
    try:
        services.withdraw_join_request(join_request=join_request)
    except services.JoinRequestError as error:
        messages.error(request, JOIN_REQUEST_ERRORS[error.code])
        return redirect(organisation)
    messages.success(request, _("Your request to join the team was withdrawn."))
    return redirect(organisation)


@login_required
@require_POST
def team_invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    form = InvitationForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _render_team(request, organisation, invite_form=form, status=400)
    user = _signed_in_user(request)
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
def team_edit(request: HttpRequest, slug: str) -> HttpResponse:
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
def team_remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _get_team_for_manager(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    name = membership.user.public_name
    services.remove_member(membership=membership)
    messages.success(request, _("%(name)s was removed from the team.") % {"name": name})
    return redirect(organisation)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
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
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
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


def _invitation_error(request: HttpRequest, code: str, status: int) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_error.html",
        {"error": INVITATION_ERRORS[code], "breadcrumbs": [(_("Invitation"), "")]},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token=token)
        .first()
    )
    if found is None:
        return _invitation_error(request, "unknown", 404)
    user = request.user if isinstance(request.user, User) else None
    if request.method == "POST" and user is None:
        return redirect_to_login(request.get_full_path())
    try:
        services.check_invitation(invitation=found, user=user)
    except services.InvitationError as error:
        status = 403 if error.code == "wrong_person" else 410
        return _invitation_error(request, error.code, status)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=found, user=_signed_in_user(request))
        except services.InvitationError as error:
            return _invitation_error(request, error.code, 410)
        messages.success(
            request,
            _("Welcome to %(team)s.") % {"team": found.organisation.name},
        )
        return redirect(found.organisation)
    here = request.get_full_path()
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found,
            "login_url": reverse("account_login") + "?" + _next_query(here),
            "signup_url": reverse("account_signup") + "?" + _next_query(here),
            "breadcrumbs": [(_("Invitation"), "")],
        },
    )


def _next_query(url: str) -> str:
    query = QueryDict(mutable=True)
    query["next"] = url
    return query.urlencode()


# Privacy ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def privacy(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    current = queries.current_consents(user)
    form = ConsentForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.record_consents(user=user, choices=form.choices())
        messages.success(request, _("Your e-mail preferences were saved."))
        return redirect("accounts:privacy")
    history = user.consents.all()[:50]
    return render(
        request,
        "accounts/privacy.html",
        {
            "form": form,
            "history": history,
            "file_count": len(personal_files(user)),
            "breadcrumbs": [_dashboard_crumb(), (_("Privacy"), "")],
        },
    )


@never_cache
@login_required
@require_GET
def privacy_export(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    data = export_user_data(user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"ecoc-hub-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def privacy_export_files(request: HttpRequest) -> StreamingHttpResponse:
    """The files the person supplied, as a ZIP streamed as it is written."""
    user = _signed_in_user(request)
    response = StreamingHttpResponse(
        stream_files_zip(personal_files(user)), content_type="application/zip"
    )
    filename = f"ecoc-hub-my-files-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    policy = contributions_policy()
    form = DeleteAccountForm(request.POST or None, user=user, policy=policy)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=user, contributions=form.contributions_choice())
        logout(request)
        messages.success(request, _("Your account was deleted. Goodbye."))
        return redirect("home")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "form": form,
            "policy": policy.label if policy is not None else "",
            "breadcrumbs": [
                _dashboard_crumb(),
                (_("Privacy"), reverse("accounts:privacy")),
                (_("Delete my account"), ""),
            ],
        },
    )
