"""Which resources the outside world harvests, and their OAI datestamps.

A record is *live* when it is published, public and out of embargo. Its
datestamp is the later of its last change and the day its embargo lifted
(that is when harvesters first may see its files), so an incremental harvest
never misses a record whose embargo ended.

A record is *deleted* when it was withdrawn, or when it is still published
but was made non-public or embargoed after publication (the library's
metadata versions tell), or when the row itself was deleted (a
``DeletedRecord``). Its datestamp is the moment of that change. Only a record
that visitors (harvesters ask as visitors) could once see is reported
deleted: one published as public, or made public later (``_once_public_q``).
Anything else answers as if it never existed, so the protocol does not
confirm that a members-only or restricted record was there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from ecoc_hub.library.models import Resource, ResourceVersion

from .models import DeletedRecord


def today_utc() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


def _open_q() -> Q:
    return Q(
        state=Resource.State.PUBLISHED,
        access=Resource.Access.PUBLIC,
    ) & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=today_utc()))


def _once_public_q() -> Q:
    """Published once, and public then: public now, or a metadata version
    after publication shows it was public until that change."""
    was_public = ResourceVersion.objects.filter(
        resource=OuterRef("pk"),
        created_at__gt=OuterRef("published_at"),
        changes__access__0=Resource.Access.PUBLIC,
    )
    return Q(published_at__isnull=False) & (
        Q(access=Resource.Access.PUBLIC) | Q(Exists(was_public))
    )


def _hidden_after_publication_q() -> Q:
    changed = ResourceVersion.objects.filter(
        resource=OuterRef("pk"), created_at__gt=OuterRef("published_at")
    ).filter(Q(changes__has_key="access") | Q(changes__has_key="embargo_until"))
    return Q(state=Resource.State.PUBLISHED) & ~_open_q() & Q(Exists(changed))


def live_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(_open_q())


def harvestable_resources() -> QuerySet[Resource]:
    """Live and deleted records: everything OAI-PMH reports, by primary key."""
    return Resource.objects.filter(
        _open_q()
        | (
            (Q(state=Resource.State.WITHDRAWN) | _hidden_after_publication_q())
            & _once_public_q()
        )
    )


def was_once_public(resource: Resource) -> bool:
    """Whether visitors could once see this record, so that its deletion is
    theirs to know."""
    return Resource.objects.filter(pk=resource.pk).filter(_once_public_q()).exists()


def is_live(resource: Resource) -> bool:
    return (
        resource.state == Resource.State.PUBLISHED
        and resource.access == Resource.Access.PUBLIC
        and (resource.embargo_until is None or resource.embargo_until <= today_utc())
    )


def _embargo_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def datestamp(resource: Resource) -> dt.datetime:
    stamp = resource.updated_at
    if is_live(resource) and resource.embargo_until is not None:
        stamp = max(stamp, _embargo_start(resource.embargo_until))
    return stamp.astimezone(dt.UTC).replace(microsecond=0)


def _ceil_day(moment: dt.datetime) -> dt.date:
    day = moment.date()
    if moment.time() != dt.time(0, 0):
        day += dt.timedelta(days=1)
    return day


def in_window(
    queryset: QuerySet[Resource],
    *,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> QuerySet[Resource]:
    """Records whose ``datestamp`` lies in [start, end] (seconds, UTC).

    ``end`` is inclusive to the second: a stamp of 12:00:00.7 counts as
    12:00:00, as the datestamp shown to harvesters does.
    """
    if start is not None:
        queryset = queryset.filter(
            Q(updated_at__gte=start)
            | (
                _open_q()
                & Q(embargo_until__isnull=False, embargo_until__gte=_ceil_day(start))
            )
        )
    if end is not None:
        limit = end + dt.timedelta(seconds=1)
        queryset = queryset.filter(updated_at__lt=limit).filter(
            ~_open_q()
            | Q(embargo_until__isnull=True)
            | Q(embargo_until__lte=end.date())
        )
    return queryset


def deleted_in_window(
    *, start: dt.datetime | None, end: dt.datetime | None
) -> QuerySet[DeletedRecord]:
    queryset = DeletedRecord.objects.all()
    if start is not None:
        queryset = queryset.filter(deleted_at__gte=start)
    if end is not None:
        queryset = queryset.filter(deleted_at__lt=end + dt.timedelta(seconds=1))
    return queryset


# Sets --------------------------------------------------------------------------


@dataclass(frozen=True)
class SetFilter:
    kind: str
    value: str
    year: int | None = None


def parse_set_spec(spec: str) -> SetFilter | None:
    kind, _sep, value = spec.partition(":")
    if not value:
        return None
    if kind == "type" and value in Resource.Type.values:
        return SetFilter("type", value)
    if kind == "area":
        return SetFilter("area", value)
    if kind == "city":
        slug, _dash, year = value.rpartition("-")
        if slug and year.isdigit():
            return SetFilter("city", slug, int(year))
    return None


def in_set(queryset: QuerySet[Resource], set_filter: SetFilter) -> QuerySet[Resource]:
    if set_filter.kind == "type":
        return queryset.filter(resource_type=set_filter.value)
    if set_filter.kind == "area":
        ids = Resource.objects.filter(capacity_areas__code=set_filter.value)
    else:
        ids = Resource.objects.filter(
            titles__city__slug=set_filter.value, titles__year=set_filter.year or 0
        )
    return queryset.filter(pk__in=ids.values("pk"))


def set_specs(resource: Resource) -> list[str]:
    """The sets of a resource fetched with ``metadata.with_record_related``."""
    specs = [f"type:{resource.resource_type}"]
    specs += [f"area:{area.code}" for area in resource.capacity_areas.all()]
    specs += [f"city:{t.city.slug}-{t.year}" for t in resource.titles.all()]
    return specs


def earliest_datestamp() -> dt.datetime:
    first = (
        harvestable_resources()
        .order_by("updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    deleted = (
        DeletedRecord.objects.order_by("deleted_at")
        .values_list("deleted_at", flat=True)
        .first()
    )
    candidates = [d for d in (first, deleted) if d is not None]
    earliest = min(candidates) if candidates else timezone.now()
    return earliest.astimezone(dt.UTC).replace(microsecond=0)


def new_resources(limit: int = 50) -> QuerySet[Resource]:
    return live_resources().order_by(F("published_at").desc(nulls_last=True), "-pk")[
        :limit
    ]
