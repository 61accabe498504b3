"""The experts' figures against records counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ecoc_hub.core.metrics import Filters
from ecoc_hub.experts import metrics
from ecoc_hub.experts.models import (
    Application,
    ExpertProfile,
    SupportAssignment,
    SupportFeedback,
    SupportRequest,
)
from tests.experts.support_factories import make_request, make_team, pool_call
from tests.factories import UserFactory

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db

GERMANY = Filters(start=QUARTER.start, end=QUARTER.end, country="DE")


def _expert(country: str = "FR") -> ExpertProfile:
    return ExpertProfile.objects.create(
        user=UserFactory(), full_name="An Expert", country=country
    )


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


@pytest.fixture
def rounds():
    call = pool_call()
    old = call.rounds.create(number=1, cutoff_on=date(2025, 11, 30))
    first = call.rounds.create(number=2, cutoff_on=date(2026, 1, 31))
    second = call.rounds.create(number=3, cutoff_on=date(2026, 3, 15))

    def apply(round_, country, state, profiles=(), day=10):
        Application.objects.create(
            call=call,
            expert=_expert(country),
            round=round_,
            state=state,
            profiles=list(profiles),
            submitted_at=at(
                2026 if round_ != old else 2025, 1 if round_ != old else 11, day
            ),
        )

    for _i in range(3):
        apply(first, "FR", "accepted", ["management"])
    for _i in range(2):
        apply(first, "FR", "accepted", ["management", "audience"])
    for _i in range(2):
        apply(first, "DE", "rejected")
    for _i in range(3):
        apply(second, "FR", "submitted")
    apply(old, "FR", "accepted", ["legal"])


def test_applications_per_round_in_the_period(rounds):
    figure = metrics.applications_per_round(QUARTER)

    assert list(figure.categories) == ["Pool call, round 2", "Pool call, round 3"]
    assert _values(figure) == {"Applications": [7, None], "Accepted": [5, 0]}
    assert _values(metrics.applications_per_round(GERMANY)) == {
        "Applications": [None, 0],
        "Accepted": [0, 0],
    }


def test_the_pool_by_profile_at_the_end_of_the_period(rounds):
    figure = metrics.pool_by_profile(QUARTER)

    assert list(figure.categories) == ["Management", "Audience development", "Legal"]
    assert _values(figure) == {"Experts in the pool": [5, None, None]}


@pytest.fixture
def requests():
    team = make_team()
    expert = _expert()
    jan = [make_request(team, title_text=f"January {n}") for n in range(6)]
    feb = [make_request(team, title_text=f"February {n}") for n in range(2)]
    make_request(team, title_text="Draft", state=SupportRequest.State.DRAFT)
    for request in jan:
        SupportRequest.objects.filter(pk=request.pk).update(submitted_at=at(2026, 1, 9))
    for request in feb:
        SupportRequest.objects.filter(pk=request.pk).update(submitted_at=at(2026, 2, 9))
    for request, state in [
        (jan[0], "agreed"),
        (jan[1], "in_progress"),
        (jan[2], "completed"),
        (jan[3], "declined"),
        (feb[0], "completed"),
    ]:
        SupportAssignment.objects.create(request=request, expert=expert, state=state)
    return team


def test_support_requests_matched_and_completed_per_month(requests):
    assert _values(metrics.support_requests(QUARTER)) == {
        "Requests": [6, 2, 0],
        "Matched with an expert": [3, 1, 0],
        "Completed": [1, 1, 0],
    }


def test_match_and_completion_rates_over_at_least_five_requests(requests):
    assert _values(metrics.match_rates(QUARTER)) == {
        "Matched, in percent of requests": [50.0, None, None],
        "Completed, in percent of requests": [16.7, None, None],
    }


def test_a_title_city_keeps_its_teams_requests(requests):
    timisoara = Filters(
        start=QUARTER.start, end=QUARTER.end, title_id=requests.title_id
    )
    assert _values(metrics.support_requests(timisoara))["Requests"] == [6, 2, 0]
    assert _values(metrics.support_requests(GERMANY))["Requests"] == [0, 0, 0]


def test_mean_feedback_per_side_over_at_least_five_ratings(requests):
    request = make_request(requests, title_text="Rated")
    for rating in [4, 4, 5, 3, 4]:
        assignment = SupportAssignment.objects.create(
            request=request, expert=_expert(), state="completed"
        )
        SupportFeedback.objects.create(
            assignment=assignment,
            side="team",
            rating=rating,
            created_at=at(2026, 2, 20),
        )
        if rating == 4:
            SupportFeedback.objects.create(
                assignment=assignment,
                side="expert",
                rating=5,
                created_at=at(2026, 2, 20),
            )

    figure = metrics.feedback(QUARTER)

    assert list(figure.categories) == ["City team", "Expert"]
    assert _values(figure) == {"Mean rating (1 to 5)": [4.0, None]}
