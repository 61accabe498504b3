"""The Academy's figures against records counted by hand, with the small
counts of people suppressed."""

from __future__ import annotations

import pytest

from ecoc_hub.certificates.models import Certificate
from ecoc_hub.certificates.services import Achievement, issue_certificate
from ecoc_hub.cities.models import Title
from ecoc_hub.core.metrics import Filters
from ecoc_hub.events import metrics
from ecoc_hub.events.attendance import Attendance
from ecoc_hub.events.feedback.defaults import OVERALL_RATING
from ecoc_hub.events.feedback.models import SurveyAnswer, SurveyResponse
from ecoc_hub.events.feedback.services import survey_for
from ecoc_hub.events.models import Application
from tests.events.conftest import make_event, make_session
from tests.factories import UserFactory

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db


def _apply(event, *, country, day, month=1, state="submitted", decided=None):
    return Application.objects.create(
        event=event,
        applicant=UserFactory(),
        name="Someone",
        country=country,
        state=state,
        submitted_at=at(2026, month, day),
        decided_at=decided,
    )


@pytest.fixture
def records():
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    camp = make_event(
        starts_at=at(2026, 1, 15), ends_at=at(2026, 1, 16), host_title=oulu
    )
    session = make_session(camp, starts_at=at(2026, 1, 15), ends_at=at(2026, 1, 15, 14))
    webinar = make_event(
        kind="webinar", starts_at=at(2026, 2, 10), ends_at=at(2026, 2, 10, 14)
    )
    make_event(starts_at=at(2026, 3, 1), ends_at=at(2026, 3, 2), visibility="draft")
    decided = at(2026, 1, 10)
    finns = [
        _apply(camp, country="FI", day=2 + i, state="accepted", decided=decided)
        for i in range(5)
    ]
    _apply(camp, country="FI", day=7, state="rejected", decided=decided)
    estonians = [
        _apply(camp, country="EE", day=3, state="accepted", decided=decided)
        for _i in range(2)
    ]
    for _i in range(3):
        _apply(webinar, country="FR", month=2, day=1)
    present = [*finns[:4], estonians[0]]
    for application in present:
        Attendance.objects.create(
            session=session, participant=application.applicant, method="list"
        )
        issue_certificate(
            recipient=application.applicant,
            achievement=Achievement(title="Camp", criteria="Attended."),
            source=camp,
        )
    Certificate.objects.update(issued_at=at(2026, 1, 20))
    return oulu


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


FINLAND = Filters(start=QUARTER.start, end=QUARTER.end, country="FI")
ESTONIA = Filters(start=QUARTER.start, end=QUARTER.end, country="EE")


def test_applications_and_places_per_month_hide_small_counts(records):
    assert _values(metrics.applications(QUARTER)) == {
        "Applications": [8, None, 0],
        "Places given": [7, 0, 0],
    }
    assert _values(metrics.applications(ESTONIA)) == {
        "Applications": [None, 0, 0],
        "Places given": [None, 0, 0],
    }
    assert metrics.applications(QUARTER).suppressed is True


def test_acceptance_rate_over_decisions_and_not_over_fewer_than_five(records):
    assert _values(metrics.acceptance(QUARTER)) == {
        "Accepted, in percent of decisions": [87.5, None, None]
    }
    assert _values(metrics.acceptance(FINLAND)) == {
        "Accepted, in percent of decisions": [83.3, None, None]
    }
    assert _values(metrics.acceptance(ESTONIA)) == {
        "Accepted, in percent of decisions": [None, None, None]
    }


def test_attendance_rate_by_the_month_the_event_started(records):
    assert _values(metrics.attendance(QUARTER)) == {
        "Attended, in percent of places given": [71.4, None, None]
    }
    assert _values(metrics.attendance(FINLAND)) == {
        "Attended, in percent of places given": [80.0, None, None]
    }


def test_certificates_issued_filtered_by_the_recipients_application(records):
    assert _values(metrics.certificates(QUARTER)) == {"Certificates issued": [5, 0, 0]}
    assert _values(metrics.certificates(FINLAND)) == {
        "Certificates issued": [None, 0, 0]
    }


def test_events_held_by_kind_and_host_city(records):
    assert _values(metrics.events_held(QUARTER)) == {
        "Academy Camp": [1, 0, 0],
        "Webinar": [0, 1, 0],
    }
    oulu = Filters(start=QUARTER.start, end=QUARTER.end, title_id=records.pk)
    assert _values(metrics.events_held(oulu)) == {"Academy Camp": [1, 0, 0]}


def _rated(event, ratings):
    """Answers to the default survey's overall rating (and to a session's
    rating, which the figure leaves out)."""
    survey = survey_for(event)
    overall = survey.questions.get(label=OVERALL_RATING)
    other = survey.questions.filter(kind="scale").exclude(pk=overall.pk).first()
    for rating in ratings:
        response = SurveyResponse.objects.create(survey=survey)
        SurveyAnswer.objects.create(response=response, question=overall, rating=rating)
        if other is not None:
            SurveyAnswer.objects.create(response=response, question=other, rating=1)


def test_satisfaction_averages_the_overall_rating_over_five_answers_or_more(records):
    camp = Application.objects.filter(country="FI").first().event
    webinar = Application.objects.filter(country="FR").first().event
    _rated(camp, [5, 4, 4, 3, 5, 5])
    _rated(webinar, [5, 5, 5, 5])  # four: a person could be recognised

    figure = metrics.satisfaction(QUARTER)
    oulu = Filters(start=QUARTER.start, end=QUARTER.end, title_id=records.pk)

    assert _values(figure) == {
        "Average overall rating, from 1 to 5": [4.33, None, None]
    }
    assert (figure.maximum, figure.suppressed) == (5, True)
    assert _values(metrics.satisfaction(oulu)) == {
        "Average overall rating, from 1 to 5": [4.33, None, None]
    }
    assert _values(metrics.satisfaction(ESTONIA)) == {
        "Average overall rating, from 1 to 5": [None, None, None]
    }
