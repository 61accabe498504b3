"""A cached figure follows the data it reads: a save or delete of one of
its sources, or ``metrics.changed`` after a bulk write, makes it stale at
once; writes to other apps leave it cached."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters
from ecoc_hub.library.models import DailyCount, Resource
from ecoc_hub.podcasts.plays import DailyPlays
from tests.podcasts.conftest import make_episode, make_show

from .conftest import at

pytestmark = pytest.mark.django_db

JANUARY = Filters(start=date(2026, 1, 1), end=date(2026, 1, 31))


def _views() -> metrics.Indicator:
    found = metrics.indicator("library.views_downloads")
    assert found is not None
    return found


def _shown() -> int:
    figure = metrics.compute(_views(), JANUARY)
    return int(sum(figure.series[0].values))


@pytest.fixture
def resource():
    return Resource.objects.create(
        title="Toolkit",
        state="published",
        published_at=at(2026, 1, 2),
        publication_year=2026,
    )


def test_every_indicator_names_the_models_it_reads():
    for section in metrics.sections():
        for item in section.indicators:
            assert item.sources, item.key
            assert section.key in item.source_apps, item.key


def test_a_save_of_a_source_row_recomputes_the_figure_at_once(resource):
    DailyCount.objects.create(resource=resource, day=date(2026, 1, 5), views=3)
    assert _shown() == 3

    row = DailyCount.objects.create(resource=resource, day=date(2026, 1, 6), views=4)
    assert _shown() == 7

    row.views = 10
    row.save()
    assert _shown() == 13

    row.delete()
    assert _shown() == 3


def test_a_bulk_write_is_seen_after_metrics_changed(resource):
    assert _shown() == 0

    DailyCount.objects.bulk_create(
        [DailyCount(resource=resource, day=date(2026, 1, 7), views=5)]
    )
    assert _shown() == 0  # no signal: still the cached figure

    metrics.changed("library")
    assert _shown() == 5


def test_writes_elsewhere_leave_the_figure_cached(resource, monkeypatch):
    assert _shown() == 0
    calls = []
    item = _views()
    counting = metrics.Indicator(
        key=item.key,
        title=item.title,
        description=item.description,
        compute=lambda filters: calls.append(filters) or item.compute(filters),
        sources=item.sources,
    )

    metrics.compute(counting, JANUARY)
    DailyPlays.objects.create(
        episode=make_episode(make_show()), day=date(2026, 1, 5), plays=9
    )
    metrics.changed("courses")
    metrics.compute(counting, JANUARY)

    assert calls == []  # both read from the cache filled by _shown()
    DailyCount.objects.create(resource=resource, day=date(2026, 1, 5), views=1)
    metrics.compute(counting, JANUARY)
    assert len(calls) == 1


def test_a_many_to_many_change_of_a_source_counts_as_a_write(resource):
    before = metrics.generations(["library"])["library"]

    resource.capacity_areas.set([])
    resource.capacity_areas.add(*_areas())

    assert metrics.generations(["library"])["library"] > before


def _areas():
    from ecoc_hub.cities.models import CapacityArea

    return list(CapacityArea.objects.all()[:1])


def test_a_lost_generation_starts_again_from_a_new_number():
    first = metrics.generations(["nowhere"])["nowhere"]
    metrics.changed("nowhere")
    assert metrics.generations(["nowhere"])["nowhere"] == first + 1

    from django.core.cache import cache

    cache.delete("metrics:generation:nowhere")
    assert metrics.generations(["nowhere"])["nowhere"] > first + 1


@pytest.mark.django_db(transaction=True)
def test_the_generation_moves_again_when_the_transaction_commits(resource):
    seen = []
    with transaction.atomic():
        DailyCount.objects.create(resource=resource, day=date(2026, 1, 5), views=1)
        seen.append(metrics.generations(["library"])["library"])
        DailyCount.objects.create(resource=resource, day=date(2026, 1, 6), views=1)
        seen.append(metrics.generations(["library"])["library"])
    seen.append(metrics.generations(["library"])["library"])

    assert seen[1] == seen[0] + 1
    assert seen[2] == seen[1] + 1  # one more bump for the commit, not one a row
