"""The experts' indicators for the programme dashboard (``core.metrics``).

Applications and the pool count people: they are filtered by the expert's
country of residence (a title city filter leaves them out: an expert
belongs to no title city) and go through ``metrics.suppress``. Support
requests, their matches and the feedback come from city teams, filtered by
the team's title city; rates and mean ratings over fewer than 5 requests or
ratings are not shown.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .enums import ApplicationState, Profile
from .models import (
    Application,
    Call,
    EvaluationRound,
    ExpertProfile,
    SupportAssignment,
    SupportFeedback,
    SupportRequest,
)
from .support_enums import AssignmentState, Side

MATCHED = [
    AssignmentState.AGREED,
    AssignmentState.IN_PROGRESS,
    AssignmentState.COMPLETED,
]


def _applications(filters: Filters) -> QuerySet[Application]:
    applications = Application.objects.exclude(state=ApplicationState.DRAFT)
    if filters.title_id:
        return applications.none()
    if filters.country:
        return applications.filter(expert__country=filters.country.upper())
    return applications


def _team_filter(filters: Filters, prefix: str) -> dict[str, Any]:
    if filters.title_id:
        return {f"{prefix}team__title_id": filters.title_id}
    if filters.country:
        return {f"{prefix}team__title__city__country_code": filters.country.upper()}
    return {}


def applications_per_round(filters: Filters) -> metrics.Figure:
    """Applications evaluated in each round whose cut-off is in the period."""
    rounds = (
        EvaluationRound.objects.filter(**filters.days("cutoff_on"))
        .select_related("call")
        .order_by("cutoff_on", "pk")
    )
    counts = dict(
        _applications(filters)
        .filter(round__in=rounds)
        .values_list("round")
        .annotate(count=Count("pk"))
        .order_by()
    )
    accepted = dict(
        _applications(filters)
        .filter(round__in=rounds, state=ApplicationState.ACCEPTED)
        .values_list("round")
        .annotate(count=Count("pk"))
        .order_by()
    )
    labels = [
        _g("%(call)s, round %(number)s")
        % {"call": stage.call.title, "number": stage.number}
        for stage in rounds
    ]
    return metrics.Figure(
        kind="horizontal-bar",
        category_label=_g("Evaluation round"),
        categories=labels,
        series=[
            metrics.charts.Series(
                _g("Applications"),
                [metrics.suppress(counts.get(r.pk, 0)) for r in rounds],
            ),
            metrics.charts.Series(
                _g("Accepted"),
                [metrics.suppress(accepted.get(r.pk, 0)) for r in rounds],
            ),
        ],
        suppressed=True,
    )


def pool_by_profile(filters: Filters) -> metrics.Figure:
    """Experts in the pool at the end of the period, by the profiles their
    latest accepted application names (an expert in two profiles counts
    once in each)."""
    latest: dict[int, list[str]] = {}
    accepted = (
        _applications(filters)
        .filter(
            state=ApplicationState.ACCEPTED,
            expert__merged_into__isnull=True,
            submitted_at__lt=filters.end_datetime,
        )
        .order_by("expert_id", "submitted_at", "pk")
        .values_list("expert_id", "profiles")
    )
    for expert_id, profiles in accepted:
        latest[expert_id] = list(profiles or [])
    counter: Counter[str] = Counter()
    for profiles in latest.values():
        counter.update(set(profiles))
    return metrics.breakdown(
        _g("Profile"),
        [
            (str(label), metrics.suppress(counter[value]))
            for value, label in Profile.choices
            if counter[value]
        ],
        series_label=_g("Experts in the pool"),
        suppressed=True,
    )


def _support_counts(filters: Filters) -> dict[str, list[int]]:
    requests = SupportRequest.objects.filter(
        submitted_at__isnull=False, **_team_filter(filters, "")
    )
    matched = SupportAssignment.objects.filter(
        request=OuterRef("pk"), state__in=MATCHED
    )
    completed = SupportAssignment.objects.filter(
        request=OuterRef("pk"), state=AssignmentState.COMPLETED
    )
    return metrics.per_bucket(
        requests.annotate(matched=Exists(matched), completed=Exists(completed)),
        "submitted_at",
        filters,
        count=Count("pk"),
        matched=Count("pk", filter=Q(matched=True)),
        completed=Count("pk", filter=Q(completed=True)),
    )


def support_requests(filters: Filters) -> metrics.Figure:
    counts = _support_counts(filters)
    return metrics.over_time(
        filters,
        [
            (_("Requests"), counts["count"]),
            (_("Matched with an expert"), counts["matched"]),
            (_("Completed"), counts["completed"]),
        ],
        kind="bar",
    )


def match_rates(filters: Filters) -> metrics.Figure:
    counts = _support_counts(filters)
    requests, matched, completed = (
        counts["count"],
        counts["matched"],
        counts["completed"],
    )
    return metrics.over_time(
        filters,
        [
            (
                _("Matched, in percent of requests"),
                [metrics.rate(m, r) for m, r in zip(matched, requests, strict=True)],
            ),
            (
                _("Completed, in percent of requests"),
                [metrics.rate(c, r) for c, r in zip(completed, requests, strict=True)],
            ),
        ],
        decimals=1,
        unit="%",
        maximum=100,
        suppressed=True,
        kind="bar",
    )


def feedback(filters: Filters) -> metrics.Figure:
    given = SupportFeedback.objects.filter(
        **filters.between("created_at"),
        **_team_filter(filters, "assignment__request__"),
    )
    rows = {
        row["side"]: row
        for row in given.values("side")
        .annotate(count=Count("pk"), mean=Avg("rating"))
        .order_by()
    }
    values = []
    for value, label in Side.choices:
        row = rows.get(value)
        shown = None
        if row and row["count"] >= metrics.MIN_COUNT:
            shown = round(float(row["mean"]), 1)
        values.append((str(label), shown))
    return metrics.breakdown(
        _g("Feedback from"),
        values,
        series_label=_g("Mean rating (1 to 5)"),
        decimals=1,
        suppressed=True,
        kind="bar",
    )


def register() -> None:
    metrics.register(
        "experts",
        heading=_("Experts"),
        indicators=[
            metrics.Indicator(
                key="experts.applications_per_round",
                title=_("Applications per evaluation round"),
                description=_(
                    "Applications to the calls for experts in each evaluation "
                    "round whose cut-off date is in the period, and those "
                    "accepted; filtered by the expert's country."
                ),
                compute=applications_per_round,
                sources=[Application, EvaluationRound, Call],
            ),
            metrics.Indicator(
                key="experts.pool_by_profile",
                title=_("The expert pool by profile"),
                description=_(
                    "Accepted experts at the end of the period, by the profiles "
                    "of their latest accepted application; an expert in two "
                    "profiles counts in each."
                ),
                compute=pool_by_profile,
                sources=[Application, ExpertProfile],
            ),
            metrics.Indicator(
                key="experts.support_requests",
                title=_("Support requests"),
                description=_(
                    "City teams' requests for expert support, by the month they "
                    "were sent, and those matched with an expert who agreed and "
                    "those completed; filtered by the team's title city."
                ),
                compute=support_requests,
                sources=[SupportRequest, SupportAssignment, Organisation],
            ),
            metrics.Indicator(
                key="experts.match_rates",
                title=_("Match and completion rates"),
                description=_(
                    "Support requests matched with an expert, and completed, in "
                    "percent of the requests sent that month."
                ),
                compute=match_rates,
                sources=[SupportRequest, SupportAssignment, Organisation],
            ),
            metrics.Indicator(
                key="experts.feedback",
                title=_("Feedback on support"),
                description=_(
                    "The mean rating given at the end of a support assignment in "
                    "the period, by the city team and by the expert."
                ),
                compute=feedback,
                sources=[SupportFeedback, Organisation],
            ),
        ],
    )
