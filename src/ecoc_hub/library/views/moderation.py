from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, queries, services
from ..forms import CommentForm, ReasonForm, ResolveReportForm
from ..models import Report, Resource
from .base import library_crumb

# The curator's decisions on a submission, and what each one says after.
_DECISIONS = {
    "approve": lambda: _("Published."),
    "request_changes": lambda: _("Sent back to the contributor."),
    "reject": lambda: _("Rejected."),
}


def _moderation_crumb() -> tuple[str, str]:
    return (_("Moderation"), reverse("library:moderation"))


@requires(permissions.can_moderate)
def moderation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "library/moderation_queue.html",
        {
            "resources": list(queries.moderation_queue()),
            "open_reports": queries.open_reports().count(),
            "breadcrumbs": [library_crumb(), (_("Moderation"), "")],
        },
    )


@requires(permissions.can_moderate)
@require_http_methods(["GET", "POST"])
def moderate(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("owner"), uuid=uuid)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        if action not in _DECISIONS:
            form.add_error(None, _("Choose a decision."))
        else:
            try:
                services.moderate(
                    resource=resource,
                    action=action,
                    actor=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except TransitionError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _DECISIONS[action]())
                return redirect("library:moderation")
    return render(
        request,
        "library/moderate.html",
        {
            "resource": resource,
            "form": form,
            "creators": list(resource.creators.all()),
            "files": list(resource.files.filter(is_current=True)),
            "events": list(resource.moderation_events.select_related("actor")),
            "breadcrumbs": [
                library_crumb(),
                _moderation_crumb(),
                (resource.title, ""),
            ],
        },
    )


@requires(permissions.can_moderate)
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = get_object_or_404(Resource, uuid=uuid)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderate(
                resource=resource,
                action="withdraw",
                actor=request.user,
                comment=form.cleaned_data["reason"],
            )
        except TransitionError as error:
            # The workflow calls it the comment; this form calls it the reason.
            error.add_to_form(form, fields={"comment": "reason"})
        else:
            messages.success(request, _("Withdrawn. The page now shows the reason."))
            return redirect(resource)
    return render(
        request,
        "library/withdraw.html",
        {
            "resource": resource,
            "form": form,
            "breadcrumbs": [
                library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("Withdraw"), ""),
            ],
        },
    )


@requires(permissions.can_moderate)
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    reports = list(queries.open_reports())
    # One form per report, each with its own ids, laid out like every form.
    forms = [
        (report, ResolveReportForm(auto_id=f"id_report{report.pk}_%s"))
        for report in reports
    ]
    return render(
        request,
        "library/report_list.html",
        {
            "reports": forms,
            "breadcrumbs": [
                library_crumb(),
                _moderation_crumb(),
                (_("Reports"), ""),
            ],
        },
    )


@requires(permissions.can_moderate)
@require_POST
def resolve_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report_obj = get_object_or_404(Report, pk=pk)
    form = ResolveReportForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_report(
                report=report_obj,
                curator=request.user,
                resolution=form.cleaned_data["resolution"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Report resolved."))
    else:
        messages.error(request, _("Say what was done to resolve the report."))
    return redirect("library:reports")
