"""The personal dashboard, public profiles, editing one's own, the language."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user

from .. import permissions, queries, services
from ..forms import ProfileForm
from ..languages import language_name
from ..models import User
from ..photos import CONTENT_TYPES
from .common import _dashboard_crumb

# Dashboard and profile -------------------------------------------------------


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
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
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(
            request.POST,
            request.FILES,
            has_photo=bool(user.photo),
            session=request.session,
        )
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
            form.release_uploads()
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
