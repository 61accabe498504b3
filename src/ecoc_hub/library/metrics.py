"""The library's indicators for the programme dashboard (``core.metrics``).

A resource is "from" a country or a title city when it names that title
city, a title city of that country, or that country. Counts of resources,
views and downloads are counts of things, not of people: they are shown as
they are. The daily counts hold no person (``DailyCount``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .enums import Decision, ResourceState, ResourceType
from .models import DailyCount, ModerationEvent, Resource
from .vocab import language_name

DECIDED = [Decision.APPROVED, Decision.REJECTED, Decision.CHANGES_REQUESTED]


def _resources(filters: Filters) -> QuerySet[Resource]:
    resources = Resource.objects.all()
    if filters.title_id:
        resources = resources.filter(titles=filters.title_id)
    elif filters.country:
        code = filters.country.upper()
        matching = Resource.objects.filter(
            Q(titles__city__country_code=code) | Q(countries__icontains=f'"{code}"')
        ).values("pk")
        resources = resources.filter(pk__in=matching)
    return resources


def _filtered_by_resource(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if not (filters.title_id or filters.country):
        return queryset
    return queryset.filter(resource__in=_resources(filters).values("pk"))


def resources_by_type(filters: Filters) -> metrics.Figure:
    rows = (
        _resources(filters)
        .filter(state=ResourceState.PUBLISHED, **filters.between("published_at"))
        .values("resource_type")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {row["resource_type"]: row["count"] for row in rows}
    return metrics.breakdown(
        str(_("Type")),
        [
            (str(label), counts[value])
            for value, label in ResourceType.choices
            if counts.get(value)
        ],
        series_label=str(_("Resources published")),
    )


def resources_by_language(filters: Filters) -> metrics.Figure:
    counter: Counter[str] = Counter()
    published = _resources(filters).filter(
        state=ResourceState.PUBLISHED, **filters.between("published_at")
    )
    for languages in published.values_list("languages", flat=True):
        counter.update(set(languages or []))
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return metrics.breakdown(
        str(_("Language")),
        [(language_name(code), count) for code, count in ranked],
        series_label=str(_("Resources published")),
    )


def contributions(filters: Filters) -> metrics.Figure:
    resources = _resources(filters)
    submitted = metrics.per_bucket(
        resources.filter(submitted_at__isnull=False), "submitted_at", filters
    )["count"]
    published = metrics.per_bucket(
        resources.filter(state=ResourceState.PUBLISHED), "published_at", filters
    )["count"]
    return metrics.over_time(
        filters,
        [(_("Submitted for review"), submitted), (_("Published"), published)],
    )


def moderation_time(filters: Filters) -> metrics.Figure:
    """The median number of days from a submission to the curator's
    decision, per month of the decision."""
    decisions = _filtered_by_resource(
        ModerationEvent.objects.filter(
            decision__in=DECIDED,
            resource__submitted_at__isnull=False,
            **filters.between("created_at"),
        ),
        filters,
    ).values_list("created_at", "resource__submitted_at")
    buckets = filters.buckets
    waits: dict[int, list[float]] = defaultdict(list)
    for decided_at, submitted_at in decisions:
        day = timezone.localtime(decided_at).date()
        for position, bucket in enumerate(buckets):
            if bucket.start <= day <= bucket.end:
                seconds = max((decided_at - submitted_at).total_seconds(), 0)
                waits[position].append(seconds / 86400)
                break
    values = [
        round(median(waits[i]), 1) if waits.get(i) else None
        for i in range(len(buckets))
    ]
    return metrics.over_time(
        filters,
        [(_("Median days to a decision"), values)],
        decimals=1,
        kind="bar",
    )


def views_and_downloads(filters: Filters) -> metrics.Figure:
    totals = metrics.per_bucket(
        _filtered_by_resource(DailyCount.objects.all(), filters),
        "day",
        filters,
        views=Sum("views"),
        downloads=Sum("downloads"),
    )
    return metrics.over_time(
        filters,
        [(_("Views"), totals["views"]), (_("Downloads"), totals["downloads"])],
    )


def register() -> None:
    metrics.register(
        "library",
        heading=_("Library"),
        indicators=[
            metrics.Indicator(
                key="library.resources_by_type",
                title=_("Resources published, by type"),
                description=_(
                    "Library resources published in the period, counted once "
                    "each by their type."
                ),
                compute=resources_by_type,
                sources=[Resource],
            ),
            metrics.Indicator(
                key="library.resources_by_language",
                title=_("Resources published, by language"),
                description=_(
                    "Library resources published in the period; a resource in "
                    "two languages counts once for each."
                ),
                compute=resources_by_language,
                sources=[Resource],
            ),
            metrics.Indicator(
                key="library.contributions",
                title=_("Contributions"),
                description=_(
                    "Resources submitted for review and resources published, "
                    "per month (per year over a longer period)."
                ),
                compute=contributions,
                sources=[Resource],
            ),
            metrics.Indicator(
                key="library.moderation_time",
                title=_("Moderation time"),
                description=_(
                    "The median number of days from a submission to the "
                    "curator's decision, by the month (or year) of the decision."
                ),
                compute=moderation_time,
                sources=[ModerationEvent, Resource],
            ),
            metrics.Indicator(
                key="library.views_downloads",
                title=_("Views and downloads"),
                description=_(
                    "Views of resource pages and file downloads, counted per "
                    "day without recording who (robots are left out)."
                ),
                compute=views_and_downloads,
                sources=[DailyCount, Resource],
            ),
        ],
    )
