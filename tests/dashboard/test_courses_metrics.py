"""The courses' figures against records counted by hand, with the small
counts of learners suppressed and learners placed by their team's title
city."""

from __future__ import annotations

import pytest

from ecoc_hub.cities.models import Title
from ecoc_hub.core.metrics import Filters
from ecoc_hub.courses import metrics
from ecoc_hub.courses.models import Attempt, Enrolment
from tests.courses.conftest import lessons_of, make_course
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


def _filtered(**place):
    return Filters(start=QUARTER.start, end=QUARTER.end, **place)


@pytest.fixture
def records():
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    german = Title.objects.filter(city__country_code="DE").first()
    oulu_team = OrganisationFactory(title=oulu)
    oulu_partners = OrganisationFactory(title=oulu)
    german_team = OrganisationFactory(title=german)
    audience = make_course(title="Audience development")
    fundraising = make_course(title="Fundraising")
    quiz = lessons_of(audience)[0]

    def learner(*teams):
        user = UserFactory()
        for team in teams:
            MembershipFactory(user=user, organisation=team)
        return user

    finns = [learner(oulu_team) for _i in range(5)]
    # In two teams of the same title city: counts once.
    finns.append(learner(oulu_team, oulu_partners))
    enrolled = []
    for i, finn in enumerate(finns):
        done = i < 4
        enrolled.append(
            Enrolment.objects.create(
                course=audience,
                learner=finn,
                state="completed" if done else "active",
                admitted_at=at(2026, 1, 5),
                completed_at=at(2026, 2, 10) if done else None,
            )
        )
    for _i in range(2):
        Enrolment.objects.create(
            course=fundraising,
            learner=learner(german_team),
            state="active",
            admitted_at=at(2026, 1, 20),
        )
    loners = [
        Enrolment.objects.create(
            course=audience,
            learner=learner(),
            state="active",
            admitted_at=at(2026, 3, 3),
        )
        for _i in range(3)
    ]
    Enrolment.objects.create(course=audience, learner=learner(), state="requested")
    Enrolment.objects.create(course=audience, learner=learner(), state="declined")
    # Before the period: not counted.
    Enrolment.objects.create(
        course=fundraising,
        learner=learner(oulu_team),
        state="completed",
        admitted_at=at(2025, 12, 1),
        completed_at=at(2025, 12, 20),
    )
    for enrolment, score in zip(enrolled, [40, 60, 80, 100, 90, 50], strict=True):
        Attempt.objects.create(
            enrolment=enrolment,
            lesson=quiz,
            number=1,
            score=score,
            passed=score >= 60,
            submitted_at=at(2026, 1, 25),
        )
    for number in range(1, 4):
        Attempt.objects.create(
            enrolment=loners[0],
            lesson=quiz,
            number=number,
            score=100,
            passed=True,
            submitted_at=at(2026, 2, 2),
        )
    return oulu


def test_enrolments_and_completions_per_month(records):
    figure = metrics.enrolments(QUARTER)

    assert figure.suppressed
    assert _values(figure) == {
        "Enrolled": [8, 0, None],
        "Completed": [0, None, 0],
    }


def test_learners_are_placed_by_their_teams_title_city(records):
    oulu = _filtered(title_id=records.pk)
    assert _values(metrics.enrolments(oulu)) == {
        "Enrolled": [6, 0, 0],
        "Completed": [0, None, 0],
    }
    assert _values(metrics.enrolments(_filtered(country="DE"))) == {
        "Enrolled": [None, 0, 0],
        "Completed": [0, 0, 0],
    }
    # The learners without a team are in no country.
    assert _values(metrics.enrolments(_filtered(country="FI"))) == _values(
        metrics.enrolments(oulu)
    )


def test_the_completion_rate_by_course(records):
    figure = metrics.completion(QUARTER)

    assert list(figure.categories) == ["Audience development", "Fundraising"]
    # 4 of 9 learners enrolled in the period; 2 learners are too few.
    assert _values(figure) == {
        "Completed, in percent of learners enrolled": [44.4, None]
    }
    oulu = metrics.completion(_filtered(title_id=records.pk))
    assert list(oulu.categories) == ["Audience development"]
    assert list(oulu.series[0].values) == [66.7]


def test_quiz_results_per_month(records):
    figure = metrics.quiz_results(QUARTER)

    assert _values(figure) == {
        "Passed, in percent of attempts": [66.7, None, None],
        "Mean score of an attempt, in percent": [70.0, None, None],
    }
    assert _values(metrics.quiz_results(_filtered(country="DE"))) == {
        "Passed, in percent of attempts": [None, None, None],
        "Mean score of an attempt, in percent": [None, None, None],
    }
