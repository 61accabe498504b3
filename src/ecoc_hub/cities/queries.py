"""Reads of the ECoC directory, shared by the views, the home page and the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from .countries import fold
from .models import CapacityArea, City, Title
from .permissions import can_see_title, can_see_unverified_titles
from .related import area_counts


def visible_titles(user: Any) -> QuerySet[Title]:
    """Titles the user may see: unverified ones only for curators."""
    titles = Title.objects.select_related("city")
    if not can_see_unverified_titles(user):
        titles = titles.exclude(status=Title.Status.UNVERIFIED)
    return titles


@dataclass(frozen=True)
class DirectoryFilters:
    decade: int | None = None
    country: str = ""
    status: str = ""
    q: str = ""


@dataclass
class YearGroup:
    year: int
    titles: list[Title] = field(default_factory=list)


def directory(*, user: Any, filters: DirectoryFilters) -> list[YearGroup]:
    """The directory's titles for these filters, grouped by year (oldest first).

    The name search folds case and accents in Python ("krakow" finds Kraków),
    so SQLite and PostgreSQL agree; the directory holds about a hundred titles,
    so matching the filtered rows in memory costs nothing.
    """
    titles = visible_titles(user)
    if filters.decade is not None:
        titles = titles.filter(year__gte=filters.decade, year__lt=filters.decade + 10)
    if filters.country:
        titles = titles.filter(city__country_code=filters.country)
    if filters.status:
        titles = titles.filter(status=filters.status)
    rows = _in_display_order(titles)
    if filters.q:
        needle = fold(filters.q.strip())
        rows = [
            title
            for title in rows
            if any(needle in fold(name) for name in title.city.all_names)
        ]
    return _by_year(rows)


def _in_display_order(titles: Iterable[Title]) -> list[Title]:
    # By year, then by the name in the reader's language with accents folded,
    # so "Évora" comes before "Liepāja" whatever the database's collation.
    return sorted(titles, key=lambda title: (title.year, fold(title.city.display_name)))


def _by_year(titles: list[Title]) -> list[YearGroup]:
    return [
        YearGroup(year=year, titles=list(group))
        for year, group in groupby(titles, key=lambda title: title.year)
    ]


def city_titles(*, user: Any, city: City) -> list[Title]:
    """The city's titles ``user`` may see (from ``city.titles``: prefetch it)."""
    return _in_display_order(
        [title for title in city.titles.all() if can_see_title(user, title)]
    )


def capacity_area_counts(*, user: Any) -> dict[str, int]:
    """How many things on the hub the user may see under each capacity area,
    by area code (counted by the search, through ``cities.related``)."""
    return area_counts(user=user)


def capacity_area_search_url(code: str) -> str:
    """The site search filtered to one capacity area."""
    return f"{reverse('search:list')}?{urlencode({'capacity_area': code})}"


def home_titles(*, year: int | None = None) -> dict[str, object]:
    """The title cities of this year and of the next four years."""
    year = timezone.localdate().year if year is None else year
    public = Title.objects.select_related("city").exclude(
        status=Title.Status.UNVERIFIED
    )
    upcoming = _in_display_order(public.filter(year__gte=year, year__lte=year + 4))
    return {
        "current_year": year,
        "current_titles": [title for title in upcoming if title.year == year],
        "next_years": _by_year([title for title in upcoming if title.year > year]),
    }


def listed_titles(*, year: int | None = None) -> QuerySet[Title]:
    """The titles the API lists to everyone (never the unverified ones), in
    a stable order for paging."""
    titles = (
        Title.objects.exclude(status=Title.Status.UNVERIFIED)
        .select_related("city")
        .order_by("year", "city__name", "pk")
    )
    if year is not None:
        titles = titles.filter(year=year)
    return titles


def title_for_spec(spec: str) -> Title | None:
    """The title named ``<city slug>-<year>`` (an OAI set spec's tail)."""
    slug, _dash, year = spec.rpartition("-")
    if not slug or not year.isdigit():
        return None
    return Title.objects.filter(city__slug=slug, year=int(year)).first()


def capacity_areas_in_order() -> QuerySet[CapacityArea]:
    return CapacityArea.objects.select_related("criterion").order_by(
        "criterion__letter", "position", "pk"
    )


def capacity_areas_by_code(codes: list[str]) -> list[CapacityArea]:
    return list(CapacityArea.objects.filter(code__in=codes))
