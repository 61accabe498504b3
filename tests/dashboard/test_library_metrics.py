"""The library's figures against records counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ecoc_hub.cities.models import Title
from ecoc_hub.core.metrics import Filters
from ecoc_hub.library import metrics
from ecoc_hub.library.models import DailyCount, ModerationEvent, Resource

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db


def _resource(title: str, *, published=None, submitted=None, **fields) -> Resource:
    state = "published" if published else fields.pop("state", "submitted")
    return Resource.objects.create(
        title=title,
        state=state,
        published_at=published,
        submitted_at=submitted,
        publication_year=2026 if published else None,
        **fields,
    )


@pytest.fixture
def records():
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    first = _resource(
        "First",
        published=at(2026, 1, 10),
        submitted=at(2026, 1, 8),
        resource_type="toolkit",
        languages=["en", "fr"],
    )
    first.titles.add(oulu)
    second = _resource(
        "Second",
        published=at(2026, 1, 20),
        submitted=at(2026, 1, 10),
        resource_type="toolkit",
        languages=["fr"],
        countries=["FI", "EE"],
    )
    third = _resource(
        "Third",
        published=at(2026, 2, 5),
        submitted=at(2026, 2, 1),
        resource_type="guide",
        languages=["de"],
    )
    _resource("Too early", published=at(2025, 12, 20), resource_type="guide")
    _resource("Waiting", submitted=at(2026, 3, 2), resource_type="guide")
    for resource, submitted, decided, decision in [
        (first, at(2026, 1, 8), at(2026, 1, 10), "approved"),
        (second, at(2026, 1, 10), at(2026, 1, 11), "approved"),
        (third, at(2026, 2, 1), at(2026, 2, 5), "approved"),
    ]:
        Resource.objects.filter(pk=resource.pk).update(submitted_at=submitted)
        ModerationEvent.objects.create(
            resource=resource, decision=decision, created_at=decided
        )
    for resource, day, views, downloads in [
        (first, date(2026, 1, 5), 3, 1),
        (first, date(2026, 1, 20), 2, 0),
        (second, date(2026, 2, 1), 0, 4),
        (third, date(2026, 3, 3), 10, 0),
        (third, date(2026, 4, 1), 100, 100),
    ]:
        DailyCount.objects.create(
            resource=resource, day=day, views=views, downloads=downloads
        )
    return oulu


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


def test_resources_published_in_the_period_by_type(records):
    figure = metrics.resources_by_type(QUARTER)

    assert list(figure.categories) == ["Toolkit", "Guide"]
    assert _values(figure) == {"Resources published": [2, 1]}


def test_a_resource_in_two_languages_counts_for_each(records):
    figure = metrics.resources_by_language(QUARTER)

    assert list(figure.categories) == ["French", "German", "English"]
    assert _values(figure) == {"Resources published": [2, 1, 1]}


def test_submissions_and_publications_per_month(records):
    figure = metrics.contributions(QUARTER)

    assert list(figure.categories) == ["January 2026", "February 2026", "March 2026"]
    assert _values(figure) == {
        "Submitted for review": [2, 1, 1],
        "Published": [2, 1, 0],
    }


def test_median_days_from_submission_to_decision(records):
    figure = metrics.moderation_time(QUARTER)

    assert _values(figure) == {"Median days to a decision": [1.5, 4.0, None]}


def test_views_and_downloads_per_month(records):
    figure = metrics.views_and_downloads(QUARTER)

    assert _values(figure) == {"Views": [5, 0, 10], "Downloads": [1, 4, 0]}


def test_a_country_counts_resources_naming_it_or_one_of_its_title_cities(records):
    finland = Filters(start=QUARTER.start, end=QUARTER.end, country="FI")

    assert _values(metrics.views_and_downloads(finland)) == {
        "Views": [5, 0, 0],
        "Downloads": [1, 4, 0],
    }
    assert _values(metrics.resources_by_type(finland)) == {"Resources published": [2]}


def test_a_title_city_counts_the_resources_naming_it(records):
    oulu = Filters(start=QUARTER.start, end=QUARTER.end, title_id=records.pk)

    assert _values(metrics.contributions(oulu)) == {
        "Submitted for review": [1, 0, 0],
        "Published": [1, 0, 0],
    }
