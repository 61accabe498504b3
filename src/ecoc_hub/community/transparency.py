"""The public transparency figures of the DSA flow, per month: notices by
reason and outcome, restrictions taken on a moderator's own initiative,
appeals and their outcomes, and the median time to decide a notice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count
from django.db.models.functions import TruncMonth

from .enums import AppealState, NoticeReason, NoticeState
from .models import Appeal, Notice, Statement


@dataclass
class Period:
    month: dt.date
    notices: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    actioned: int = 0
    dismissed: int = 0
    own_initiative: int = 0
    appeals: int = 0
    reversed: int = 0
    confirmed: int = 0
    median_hours: float | None = None


def _month(value: dt.datetime | dt.date) -> dt.date:
    return dt.date(value.year, value.month, 1)


def periods(*, year: int) -> list[Period]:
    """One row per month of ``year`` that saw any activity, newest first."""
    found: dict[dt.date, Period] = {}

    def row(month: dt.datetime | dt.date) -> Period:
        key = _month(month)
        return found.setdefault(key, Period(month=key))

    notices = Notice.objects.filter(created_at__year=year)
    counts = (
        notices.annotate(month=TruncMonth("created_at"))
        .values("month", "reason", "state")
        .annotate(n=Count("pk"))
    )
    for item in counts:
        period = row(item["month"])
        period.notices += item["n"]
        label = str(NoticeReason(item["reason"]).label)
        period.by_reason[label] = period.by_reason.get(label, 0) + item["n"]
        if item["state"] == NoticeState.ACTIONED:
            period.actioned += item["n"]
        elif item["state"] == NoticeState.DISMISSED:
            period.dismissed += item["n"]
    delays: dict[dt.date, list[float]] = defaultdict(list)
    for created, decided in notices.filter(decided_at__isnull=False).values_list(
        "created_at", "decided_at"
    ):
        if decided is not None:
            hours = (decided - created).total_seconds() / 3600
            delays[_month(created)].append(hours)
    for month, spans in delays.items():
        row(month).median_hours = round(median(spans), 1)
    own = (
        Statement.objects.filter(created_at__year=year, notice__isnull=True)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for own_item in own:
        row(own_item["month"]).own_initiative += own_item["n"]
    appeals = (
        Appeal.objects.filter(created_at__year=year)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "state")
        .annotate(n=Count("pk"))
    )
    for appeal in appeals:
        period = row(appeal["month"])
        period.appeals += appeal["n"]
        if appeal["state"] == AppealState.REVERSED:
            period.reversed += appeal["n"]
        elif appeal["state"] == AppealState.CONFIRMED:
            period.confirmed += appeal["n"]
    return sorted(found.values(), key=lambda p: p.month, reverse=True)
