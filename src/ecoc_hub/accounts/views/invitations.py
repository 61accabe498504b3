"""Answering an invitation to a team."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services
from ..models import Invitation, User
from .common import _next_query

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
    if request.method == "POST" and user is not None:
        try:
            services.accept_invitation(invitation=found, user=user)
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
