"""Conflicts declared before assignment (a reviewer's page) and the call
manager's assignment by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import User
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires

from .. import permissions, review
from ..models import Call, PanelConflict
from ..panel_conflicts import declare_in_advance
from ..review_forms import AdvanceConflictForm, ManualAssignForm
from .manage import _managed_call


def _panel_calls(user: User) -> list[Call]:
    return list(Call.objects.filter(reviewers__user=user).order_by("-opens_on"))


@requires(permissions.can_review)
@require_http_methods(["GET", "POST"])
def panel_conflicts(request: AuthenticatedHttpRequest) -> HttpResponse:
    calls = _panel_calls(request.user)
    form = AdvanceConflictForm(request.POST or None, calls=calls)
    if request.method == "POST" and form.is_valid():
        try:
            declare_in_advance(
                call=form.cleaned_data["call"],
                reviewer=request.user,
                person_name=form.cleaned_data["person_name"],
                email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conflict of interest is recorded."))
            return redirect("experts:panel_conflicts")
    return render(
        request,
        "experts/review/conflicts.html",
        {
            "form": form if calls else None,
            "declared": PanelConflict.objects.filter(reviewer=request.user)
            .select_related("call")
            .order_by("call__title", "person_name"),
            "breadcrumbs": [
                (_("My reviews"), reverse("experts:reviews")),
                (_("Conflicts of interest"), ""),
            ],
        },
    )


@login_required
@require_POST
def assign_by_hand(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    form = ManualAssignForm(request.POST, call=call)
    if form.is_valid():
        try:
            review.assign_by_hand(
                application=form.cleaned_data["application"],
                reviewer=form.cleaned_data["reviewer"],
                manager=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(reviewer)s now reviews %(reference)s.")
                % {
                    "reviewer": form.cleaned_data["reviewer"].public_name,
                    "reference": form.cleaned_data["application"].reference,
                },
            )
    else:
        messages.error(request, _("Choose an application and a reviewer."))
    return redirect("experts:assignment", call.slug)
