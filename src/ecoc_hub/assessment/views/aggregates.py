"""Anonymised aggregates across teams, for curators (page and CSV)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires

from .. import permissions
from ..aggregates import MIN_TEAMS, aggregates_csv, build_aggregates


@requires(permissions.can_see_aggregates)
def aggregates(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = build_aggregates()
    weakest = [
        {"stage": stage, "areas": data.weakest(stage.stage)}
        for stage in data.stages
        if not stage.suppressed
    ]
    return render(
        request,
        "assessment/aggregates.html",
        {
            "data": data,
            "weakest": weakest,
            "min_teams": MIN_TEAMS,
            "breadcrumbs": [
                (_("Self-assessment"), reverse("assessment:index")),
                (_("Across teams"), ""),
            ],
        },
    )


@requires(permissions.can_see_aggregates)
def aggregates_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    text = aggregates_csv(
        build_aggregates(),
        headers=[
            _("Stage of the cycle"),
            _("Criterion"),
            _("Capacity area"),
            _("Teams"),
            _("Mean level"),
            _("Weak (%)"),
            _("Note"),
        ],
        suppressed=_("Fewer than %(count)d teams: not shown") % {"count": MIN_TEAMS},
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assessment-aggregates.csv"'
    return response
