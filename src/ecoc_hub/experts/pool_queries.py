"""Reads of the expert pool used by its pages, the matching and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ecoc_hub.core.collation import collation_key

from .pool_models import STALE_AFTER, AvailabilityPeriod, PoolExpert
from .search_index import public_entries


def pool_for_listing() -> QuerySet[PoolExpert]:
    """The public pool with what a card shows, in one query per relation."""
    return (
        public_entries()
        .select_related("expert__user")
        .prefetch_related(
            "capacity_areas__criterion",
            Prefetch(
                "availability",
                queryset=AvailabilityPeriod.objects.order_by("starts_on"),
            ),
        )
    )


@dataclass(frozen=True)
class PoolFilter:
    area: str = ""
    profile: str = ""
    language: str = ""
    country: str = ""
    available_from: dt.date | None = None
    available_until: dt.date | None = None


def filtered_pool(entries: Iterable[PoolExpert], chosen: PoolFilter) -> list:
    """The entries ``chosen`` lets through. Filtered in Python over the
    prefetched pool (a few hundred people): the list fields are JSON, which
    SQLite cannot search by containment."""
    start = chosen.available_from or chosen.available_until
    end = chosen.available_until or chosen.available_from
    found = []
    for entry in entries:
        if chosen.area and chosen.area not in {
            a.code for a in entry.capacity_areas.all()
        }:
            continue
        if chosen.profile and chosen.profile not in entry.profiles:
            continue
        if chosen.language and chosen.language not in {
            item["code"] for item in entry.languages
        }:
            continue
        if chosen.country and chosen.country not in entry.countries:
            continue
        if (
            start
            and end
            and not any(
                p.starts_on <= end and p.ends_on >= start
                for p in entry.availability.all()
            )
        ):
            continue
        found.append(entry)
    return found


def sorted_by_name(entries: Iterable[PoolExpert], *, now: dt.datetime) -> list:
    """Up-to-date profiles first, each group by name as the reader's
    language sorts it (accents folded: "Émile" between "Elena" and "Ezra")."""
    cutoff = now - STALE_AFTER
    return sorted(
        entries,
        key=lambda e: (
            e.confirmed_at < cutoff,
            collation_key(e.expert.full_name),
            e.pk,
        ),
    )


def available_between(
    expert_ids: Iterable[int], starts_on: dt.date, ends_on: dt.date
) -> dict[int, float]:
    """The share of the days from ``starts_on`` to ``ends_on`` (both included)
    each expert profile (``ExpertProfile`` id) is available, for the experts
    who keep a calendar; an expert without one is absent (unknown)."""
    ids = list(expert_ids)
    days = (ends_on - starts_on).days + 1
    if days <= 0 or not ids:
        return {}
    with_calendar = set(
        PoolExpert.objects.filter(
            expert_id__in=ids, availability__isnull=False
        ).values_list("expert_id", flat=True)
    )
    covered: dict[int, set[int]] = {expert_id: set() for expert_id in with_calendar}
    periods = AvailabilityPeriod.objects.filter(
        Q(expert__expert_id__in=with_calendar),
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    ).values_list("expert__expert_id", "starts_on", "ends_on")
    for expert_id, start, end in periods:
        first = (max(start, starts_on) - starts_on).days
        last = (min(end, ends_on) - starts_on).days
        covered[expert_id].update(range(first, last + 1))
    return {expert_id: len(found) / days for expert_id, found in covered.items()}
