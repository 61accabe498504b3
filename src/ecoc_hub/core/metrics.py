"""The programme's indicators: one metrics module per app, one registry.

The dashboard (``ecoc_hub.dashboard``) sits beside the apps and may not
import them, so each app describes its own figures here, in its
``AppConfig.ready()``::

    from ecoc_hub.core import metrics

    metrics.register(
        "library",
        heading=_("Library"),
        indicators=[
            metrics.Indicator(
                key="library.resources_by_type",
                title=_("Published resources by type"),
                description=_("..."),
                compute=resources_by_type,
                sources=[Resource],
            ),
        ],
    )

An indicator's ``compute(filters)`` reads the app's own records (no second
copy of the data to drift) and returns a ``Figure``: categories, one to four
series and how to draw them. The dashboard turns a figure into a chart with
its table (``core.charts``), a CSV file and a page of the period report.

Every figure that counts people (applicants, participants, experts, teams)
goes through ``suppress`` (a count from 1 to 4 is not shown) and every rate
of people through ``rate`` (not shown over fewer than 5): a small number in
a filtered table could point at one person. Counts of things (resources,
downloads, plays) are shown as they are.

Caching follows the data. An indicator names the models it reads
(``sources``); the registry connects their ``post_save``, ``post_delete``
and many-to-many ``m2m_changed`` signals once, and each of them bumps a
generation number of the model's app kept in the cache (``changed``). The
generations of an indicator's source apps are part of its cache key, so a
figure is recomputed right after a write to what it reads, and writes
elsewhere leave it cached. ``bulk_create``, ``bulk_update`` and
``QuerySet.update`` send no signal (``QuerySet.delete`` sends
``post_delete`` for each row): code doing such bulk writes on a source
model calls ``metrics.changed(app_label)`` after them, once. The fixed
lifetimes (``CACHE_PAST``, ``CACHE_CURRENT``) stay as a safety net for a
write that slipped past both. The generations live in
``core.metrics_cache``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from ecoc_hub.core import charts
from ecoc_hub.core.metrics_cache import _watch, generations
from ecoc_hub.core.metrics_cache import changed as changed  # the apps call it

#: Counts of people below this are not shown, nor rates over fewer people.
MIN_COUNT = 5
#: A span longer than this many months is shown per year, not per month.
MAX_MONTHS = 24
#: Seconds a figure stays cached at most. A write to an indicator's sources
#: invalidates it at once (``changed``); these lifetimes are the safety net
#: for a write that sent no signal and did not call ``changed``: a period
#: that is over is kept longer than the current one.
CACHE_PAST = 6 * 3600
CACHE_CURRENT = 300

FigureKind = Literal["bar", "horizontal-bar", "line"]


def suppress(count: int | None) -> int | None:
    """``None`` (shown as a dash) for a count of people from 1 to 4."""
    if count is None or 0 < count < MIN_COUNT:
        return None
    return count


def rate(part: int, whole: int) -> float | None:
    """``part`` out of ``whole`` in percent; ``None`` over fewer than 5."""
    if whole < MIN_COUNT:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class Bucket:
    """One step of the time axis: a month or a year, ``start`` to ``end``
    (both included)."""

    start: date
    end: date
    label: str


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters: a period (days included), and at most one
    of a country (ISO 3166-1 code) and a title city (``cities.Title`` pk);
    each app decides what "from that country" means for its records."""

    start: date
    end: date
    country: str = ""
    title_id: int | None = None

    @property
    def yearly(self) -> bool:
        months = (self.end.year - self.start.year) * 12 + self.end.month
        return months - self.start.month + 1 > MAX_MONTHS

    @property
    def buckets(self) -> list[Bucket]:
        """The months (or years) of the period, the first and last cut to it."""
        found: list[Bucket] = []
        if self.yearly:
            for year in range(self.start.year, self.end.year + 1):
                first = max(self.start, date(year, 1, 1))
                last = min(self.end, date(year, 12, 31))
                found.append(Bucket(first, last, str(year)))
            return found
        cursor = date(self.start.year, self.start.month, 1)
        while cursor <= self.end:
            following = _month_after(cursor)
            last = min(self.end, date.fromordinal(following.toordinal() - 1))
            found.append(Bucket(max(self.start, cursor), last, _month_label(cursor)))
            cursor = following
        return found

    @property
    def start_datetime(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, datetime.min.time()))

    @property
    def end_datetime(self) -> datetime:
        """The first moment after the period (use ``__lt``)."""
        following = date.fromordinal(self.end.toordinal() + 1)
        return timezone.make_aware(datetime.combine(following, datetime.min.time()))

    def between(self, field_name: str) -> dict[str, Any]:
        """Lookups keeping a datetime field inside the period."""
        return {
            f"{field_name}__gte": self.start_datetime,
            f"{field_name}__lt": self.end_datetime,
        }

    def days(self, field_name: str) -> dict[str, Any]:
        """Lookups keeping a date field inside the period."""
        return {f"{field_name}__gte": self.start, f"{field_name}__lte": self.end}

    def cache_key(self) -> str:
        return f"{self.start}:{self.end}:{self.country}:{self.title_id or ''}"


def _month_label(month: date) -> str:
    from django.utils.formats import date_format

    return date_format(month, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Figure:
    """What an indicator computed: ``categories`` with one value per series
    each (``None`` for a suppressed or missing value)."""

    kind: FigureKind
    category_label: str
    categories: Sequence[str]
    series: Sequence[charts.Series]
    decimals: int = 0
    unit: str = ""
    maximum: float | None = None
    #: Whether small counts were suppressed (the page says so under it).
    suppressed: bool = False
    #: Categories are the months or years of the period; ``category_label``
    #: is then empty and the dashboard names the axis in the reader's words.
    over_time: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.categories or all(
            not value for series in self.series for value in series.values
        )

    def chart(
        self, *, title: str, description: str, category_label: str = ""
    ) -> charts.Chart:
        return charts.Chart(
            kind=self.kind,
            title=title,
            description=description,
            categories=list(self.categories),
            series=list(self.series),
            category_label=category_label or self.category_label,
            decimals=self.decimals,
            maximum=self.maximum,
            unit=self.unit,
        )

    def rows(self, *, category_label: str = "") -> list[list[Any]]:
        """The figure as a table: a header row, then one row per category;
        a suppressed value is an empty cell."""
        first = category_label or self.category_label
        header = [first, *[s.label for s in self.series]]
        body = [
            [
                category,
                *["" if s.values[i] is None else s.values[i] for s in self.series],
            ]
            for i, category in enumerate(self.categories)
        ]
        return [header, *body]


@dataclass(frozen=True)
class Indicator:
    key: str
    title: Any  # a lazy translated string
    description: Any
    compute: Callable[[Filters], Figure]
    #: The models the figure reads: a save or delete of one of them (or a
    #: ``changed`` call for its app) makes the cached figure stale.
    sources: Sequence[type[models.Model]] = ()

    @property
    def source_apps(self) -> list[str]:
        return sorted({model._meta.app_label for model in self.sources})


@dataclass(frozen=True)
class Section:
    key: str
    heading: Any
    indicators: list[Indicator] = field(default_factory=list)


_SECTIONS: dict[str, Section] = {}


def register(key: str, *, heading: Any, indicators: Iterable[Indicator]) -> None:
    """Register (or replace, on a second ``ready()``) an app's indicators,
    and watch the models they read."""
    found = list(indicators)
    _SECTIONS[key] = Section(key=key, heading=heading, indicators=found)
    for item in found:
        for model in item.sources:
            _watch(model)


def sections() -> list[Section]:
    return list(_SECTIONS.values())


def indicator(key: str) -> Indicator | None:
    for section in _SECTIONS.values():
        for found in section.indicators:
            if found.key == key:
                return found
    return None


def compute(item: Indicator, filters: Filters) -> Figure:
    """The figure for ``filters``, cached per filter and language (labels
    are translated) and per generation of its source apps: recomputed after
    a write to what it reads, and at the latest after ``CACHE_PAST`` (a
    period that is over) or ``CACHE_CURRENT`` seconds."""
    versions = ",".join(
        f"{app}={number}" for app, number in generations(item.source_apps).items()
    )
    raw = f"metrics:{item.key}:{filters.cache_key()}:{get_language()}:{versions}"
    key = "metrics:" + hashlib.sha256(raw.encode()).hexdigest()[:32]
    figure = cache.get(key)
    if figure is None:
        figure = item.compute(filters)
        over = filters.end < timezone.localdate()
        cache.set(key, figure, CACHE_PAST if over else CACHE_CURRENT)
    return figure


# Helpers for metrics modules ------------------------------------------------


def _field_type(model: Any, path: str) -> str:
    *relations, last = path.split("__")
    for name in relations:
        model = model._meta.get_field(name).related_model
    return str(model._meta.get_field(last).get_internal_type())


def per_bucket(
    queryset: QuerySet[Any],
    field_name: str,
    filters: Filters,
    **aggregates: Any,
) -> dict[str, list[int]]:
    """Aggregates per month (or year) of ``field_name`` over the period, in
    one query: ``{"name": [value per bucket]}`` (0 where none).

    ``queryset`` is already filtered by country or title city; the period is
    applied here. Each aggregate (``Count``, ``Sum``, with or without its own
    ``filter``) becomes one column per bucket, restricted to the bucket's
    days: plain comparisons on the indexed column, where grouping by a
    truncated date would call a Python function per row on SQLite. Without
    ``aggregates`` it counts rows (``"count"``).
    """
    aggregates = aggregates or {"count": Count("pk")}
    is_date = _field_type(queryset.model, field_name) == "DateField"
    within = filters.days(field_name) if is_date else filters.between(field_name)
    buckets = filters.buckets
    columns: dict[str, Any] = {}
    for i, bucket in enumerate(buckets):
        inside = Q(**_bucket_lookups(field_name, bucket, is_date))
        for name, aggregate in aggregates.items():
            own = aggregate.filter.condition if aggregate.filter is not None else None
            expressions = aggregate.get_source_expressions()[:-2]
            columns[f"{name}__{i}"] = type(aggregate)(
                *expressions, filter=inside if own is None else inside & own
            )
    row = queryset.filter(**within).aggregate(**columns)
    return {
        name: [row[f"{name}__{i}"] or 0 for i in range(len(buckets))]
        for name in aggregates
    }


def _bucket_lookups(field_name: str, bucket: Bucket, is_date: bool) -> dict[str, Any]:
    if is_date:
        return {f"{field_name}__gte": bucket.start, f"{field_name}__lte": bucket.end}
    part = Filters(start=bucket.start, end=bucket.end)
    return part.between(field_name)


def over_time(
    filters: Filters,
    series: Sequence[tuple[Any, Sequence[int | float | None]]],
    *,
    decimals: int = 0,
    unit: str = "",
    maximum: float | None = None,
    suppressed: bool = False,
    kind: FigureKind = "line",
) -> Figure:
    """A figure over the period's months (or years)."""
    return Figure(
        kind=kind,
        category_label="",
        categories=[b.label for b in filters.buckets],
        series=[charts.Series(str(label), list(values)) for label, values in series],
        decimals=decimals,
        unit=unit,
        maximum=maximum,
        suppressed=suppressed,
        over_time=True,
    )


def breakdown(
    category_label: str,
    counts: Sequence[tuple[str, int | float | None]],
    *,
    series_label: str,
    suppressed: bool = False,
    decimals: int = 0,
    unit: str = "",
    maximum: float | None = None,
    kind: FigureKind = "horizontal-bar",
) -> Figure:
    """A figure with one value per category (types, languages, stages)."""
    return Figure(
        kind=kind,
        category_label=category_label,
        categories=[label for label, _count in counts],
        series=[charts.Series(series_label, [value for _label, value in counts])],
        decimals=decimals,
        unit=unit,
        maximum=maximum,
        suppressed=suppressed,
    )
