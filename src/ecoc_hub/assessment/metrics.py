"""The self-assessments' indicator for the programme dashboard
(``core.metrics``): the weakest capacity areas at each stage of the cycle.

Each team counts once per stage, with its latest self-assessment submitted
in the period at that stage (as in ``assessment.aggregates``); a stage with
fewer than ``MIN_TEAMS`` teams is left out, so that no team's answers can be
read back. A title city or country filter keeps the teams of that title
city or country.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from django.db.models import Avg
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .aggregates import MIN_TEAMS
from .enums import AssessmentState, Stage
from .models import Answer, Assessment

#: The weakest areas shown per stage.
WEAKEST = 3


def _latest_per_team(filters: Filters) -> dict[str, list[int]]:
    assessments = Assessment.objects.filter(
        state=AssessmentState.SUBMITTED, **filters.between("submitted_at")
    )
    if filters.title_id:
        assessments = assessments.filter(organisation__title_id=filters.title_id)
    elif filters.country:
        assessments = assessments.filter(
            organisation__title__city__country_code=filters.country.upper()
        )
    latest: dict[tuple[str, int], int] = {}
    for row in assessments.order_by("submitted_at", "pk").values(
        "pk", "stage", "organisation_id"
    ):
        latest[(row["stage"], row["organisation_id"])] = row["pk"]
    by_stage: dict[str, list[int]] = defaultdict(list)
    for (stage, _team), pk in latest.items():
        by_stage[stage].append(pk)
    return by_stage


def weakest_areas(filters: Filters) -> metrics.Figure:
    by_stage = {
        stage: pks
        for stage, pks in _latest_per_team(filters).items()
        if len(pks) >= MIN_TEAMS
    }
    stage_of = {pk: stage for stage, pks in by_stage.items() for pk in pks}
    scores: dict[tuple[str, int], list[float]] = defaultdict(list)
    for row in (
        Answer.objects.filter(assessment_id__in=list(stage_of))
        .values("assessment_id", "statement__area_id")
        .annotate(score=Avg("level"))
        .order_by()
    ):
        key = (stage_of[row["assessment_id"]], row["statement__area_id"])
        scores[key].append(float(row["score"]))
    # The directory's order breaks ties (criterion, then position).
    in_order = list(CapacityArea.objects.all())
    order = {area.pk: i for i, area in enumerate(in_order)}
    areas = {area.pk: area for area in in_order}
    shown: list[tuple[str, float | None]] = []
    for value, label in Stage.choices:
        if value not in by_stage:
            continue
        means = [
            (round(mean(found), 1), areas[area_id])
            for (stage, area_id), found in scores.items()
            if stage == value and len(found) >= MIN_TEAMS
        ]
        means.sort(key=lambda pair: (pair[0], order[pair[1].pk]))
        for score, area in means[:WEAKEST]:
            category = _g("%(stage)s: %(area)s") % {
                "stage": label,
                "area": area.display_name,
            }
            shown.append((category, score))
    return metrics.breakdown(
        _g("Stage and capacity area"),
        shown,
        series_label=_g("Mean level (1 to 5)"),
        decimals=1,
        maximum=5,
        suppressed=True,
    )


def register() -> None:
    metrics.register(
        "assessment",
        heading=_("Self-assessment"),
        indicators=[
            metrics.Indicator(
                key="assessment.weakest_areas",
                title=_("The weakest areas by stage"),
                description=_(
                    "The three capacity areas with the lowest mean level at each "
                    "stage of the cycle, from each team's latest self-assessment "
                    "submitted in the period; stages with fewer than five teams "
                    "are left out."
                ),
                compute=weakest_areas,
                sources=[Assessment, Answer, Organisation, CapacityArea],
            ),
        ],
    )
