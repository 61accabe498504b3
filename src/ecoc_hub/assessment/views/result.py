"""The result of an assessment: profile charts, the weakest areas with
their recommendations, progress since the previous one, sharing, the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.accounts.models import User
from ecoc_hub.core import roles
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, queries, services
from ..charts import areas_chart, criteria_chart
from ..forms import ShareForm
from ..models import Assessment
from ..profile import Profile, build_profile
from ..recommend import recommend
from ..report import build_report
from .answering import breadcrumbs, load_assessment


def _progress(current: Profile, previous: Profile | None) -> list[dict[str, Any]]:
    if previous is None:
        return []
    rows = []
    for area in current.areas:
        before = previous.score_of(area.area.code)
        change = None
        if before is not None and area.score is not None:
            change = round(area.score - before, 2)
        rows.append(
            {
                "area": area,
                "before": before,
                "change": change,
                # "down 0.5", not "down -0.5": the word says the sign.
                "size": None if change is None else abs(change),
            }
        )
    return rows


def result_context(
    request: AuthenticatedHttpRequest, assessment: Assessment
) -> dict[str, Any]:
    current = build_profile(assessment)
    before = queries.previous_submitted(assessment)
    previous = build_profile(before) if before is not None else None
    profiles = [p for p in (previous, current) if p is not None]
    return {
        "assessment": assessment,
        "profile": current,
        "previous": before,
        "progress": _progress(current, previous),
        "criteria_chart": criteria_chart(profiles),
        "areas_chart": areas_chart(profiles),
        "weakest": current.weakest()[:5],
        "recommendations": recommend(current, user=request.user),
        "levels": assessment.version.levels.all(),
    }


@login_required
def result(request: AuthenticatedHttpRequest, uuid: Any) -> HttpResponse:
    assessment = load_assessment(request, uuid)
    context = result_context(request, assessment)
    context |= {
        "can_share": permissions.can_share(request.user, assessment),
        "can_answer": permissions.can_answer(request.user, assessment),
        "shared_with": assessment.shared_with.order_by("display_name"),
        "breadcrumbs": breadcrumbs(assessment, (_("Result"), "")),
    }
    return render(request, "assessment/result.html", context)


def _experts() -> Any:
    return (
        User.objects.filter(groups__name=roles.EXPERT, is_active=True)
        .exclude(is_former_member=True)
        .order_by("display_name", "email")
        .distinct()
    )


@login_required
@require_http_methods(["GET", "POST"])
def share(request: AuthenticatedHttpRequest, uuid: Any) -> HttpResponse:
    assessment = load_assessment(request, uuid, permissions.can_share)
    form = ShareForm(
        request.POST or None,
        experts=_experts(),
        initial={
            "experts": list(assessment.shared_with.values_list("pk", flat=True)),
            "peer_visible": assessment.peer_visible,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.share_assessment(
                assessment=assessment,
                experts=form.cleaned_data["experts"],
                peer_visible=form.cleaned_data["peer_visible"],
                person=request.user,
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            if chosen:
                messages.success(request, _("The result is shared with the experts."))
            else:
                messages.success(request, _("The result is private to the team."))
            return redirect("assessment:result", uuid=assessment.uuid)
    return render(
        request,
        "assessment/share.html",
        {
            "assessment": assessment,
            "form": form,
            "breadcrumbs": breadcrumbs(assessment, (_("Share the result"), "")),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def report(request: AuthenticatedHttpRequest, uuid: Any) -> HttpResponse:
    assessment = load_assessment(request, uuid)
    data = build_report(result_context(request, assessment))
    response = HttpResponse(data, content_type="application/pdf")
    name = slugify(f"{assessment.organisation.name} {assessment.get_stage_display()}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
