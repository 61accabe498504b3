from __future__ import annotations

from datetime import date

from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters, rate, suppress


def test_counts_of_one_to_four_people_are_suppressed():
    assert [suppress(n) for n in [0, 1, 4, 5, 12]] == [0, None, None, 5, 12]


def test_a_rate_over_fewer_than_five_people_is_suppressed():
    assert [rate(2, 4), rate(2, 5), rate(0, 0), rate(1, 3)] == [None, 40.0, None, None]


def test_a_period_of_up_to_two_years_is_shown_per_month_cut_to_the_period():
    filters = Filters(start=date(2026, 1, 15), end=date(2026, 3, 10))

    buckets = filters.buckets

    assert [(b.start, b.end, b.label) for b in buckets] == [
        (date(2026, 1, 15), date(2026, 1, 31), "January 2026"),
        (date(2026, 2, 1), date(2026, 2, 28), "February 2026"),
        (date(2026, 3, 1), date(2026, 3, 10), "March 2026"),
    ]


def test_a_longer_period_is_shown_per_year():
    filters = Filters(start=date(2023, 6, 1), end=date(2026, 2, 1))

    assert [(b.start, b.end, b.label) for b in filters.buckets] == [
        (date(2023, 6, 1), date(2023, 12, 31), "2023"),
        (date(2024, 1, 1), date(2024, 12, 31), "2024"),
        (date(2025, 1, 1), date(2025, 12, 31), "2025"),
        (date(2026, 1, 1), date(2026, 2, 1), "2026"),
    ]


def test_every_app_on_the_site_registers_its_indicators():
    keys = [section.key for section in metrics.sections()]

    assert keys == [
        "library",
        "podcasts",
        "events",
        "experts",
        "courses",
        "assessment",
        "community",
    ]
    assert metrics.indicator("library.views_downloads") is not None
    assert metrics.indicator("courses.quiz_results") is not None
    assert metrics.indicator("community.peer_requests") is not None
    assert metrics.indicator("no.such") is None


def test_a_figure_is_a_table_with_a_dash_free_empty_cell_for_suppressed_values():
    figure = metrics.breakdown(
        "Stage", [("Bid", 7), ("Monitoring", None)], series_label="Teams"
    )

    assert figure.rows() == [["Stage", "Teams"], ["Bid", 7], ["Monitoring", ""]]
