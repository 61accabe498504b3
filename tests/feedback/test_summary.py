"""The organisers' summary: figures only from five answers up, charts and
their tables, comments, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from ecoc_hub.core.workflow import transition
from ecoc_hub.events.feedback import services
from ecoc_hub.events.feedback.models import SurveyInvitation
from ecoc_hub.events.feedback.services import Given
from ecoc_hub.events.feedback.summary import build_summary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _answered_by(survey, ratings: list[int], texts: list[str] | None = None):
    """One person per rating answers the overall rating, the choice and a
    comment; the session questions stay unanswered."""
    questions = list(survey.questions.filter(session__isnull=True))
    overall, useful, recommend, worked = questions[:4]
    for index, rating in enumerate(ratings):
        person = UserFactory()
        SurveyInvitation.objects.create(
            survey=survey, participant=person, invited_at=survey.created_at
        )
        given = [
            Given(overall, rating),
            Given(recommend, "Yes" if rating > 2 else "No"),
        ]
        if index < 2:
            given.append(Given(useful, 5))
        if texts and index < len(texts):
            given.append(Given(worked, texts[index]))
        services.submit_response(survey=survey, user=person, answers=given)


@pytest.fixture
def survey(ended, organiser):
    survey = services.survey_for(ended)
    transition(survey, "open", actor=organiser)
    return survey


def test_a_question_with_five_answers_shows_its_distribution_and_average(survey):
    _answered_by(survey, [5, 4, 4, 2, 5], texts=["The cases", "=Meeting peers"])

    data = build_summary(survey)

    overall, useful, recommend, worked = data.questions[:4]
    assert (data.invited, data.responses) == (7, 5)  # and Ana and Bruno
    assert (overall.answered, overall.suppressed, overall.average) == (5, False, 4.0)
    assert [count for _label, count in overall.counts] == [0, 1, 0, 2, 2]
    assert overall.chart is not None
    assert overall.chart.rows[3] == ("4: good", ["2"])
    assert recommend.counts == [("Yes", 4), ("Perhaps", 0), ("No", 1)]
    # two answers: a person could be recognised
    assert (useful.answered, useful.suppressed, useful.chart) == (2, True, None)
    assert worked.suppressed is True
    assert worked.texts == []
    assert data.averages is not None
    assert list(data.averages.categories) == ["Overall, how would you rate the event?"]


def test_comments_are_listed_once_five_people_wrote_one(survey):
    texts = ["A", "B", "C", "D", "E"]
    _answered_by(survey, [3, 3, 3, 3, 3], texts=texts)

    worked = build_summary(survey).questions[3]

    assert sorted(worked.texts) == texts


def test_the_summary_page_shows_charts_tables_and_hides_small_counts(
    client, survey, organiser
):
    _answered_by(survey, [5, 4, 4, 2, 5])
    client.force_login(organiser)

    response = client.get(reverse("feedback:summary", args=[survey.event.slug]))

    page = response.content.decode()
    assert response.status_code == 200
    # the averages, the overall rating and the recommendation
    assert page.count('<figure class="chart') == 3
    assert page.count("<table") == 3
    # usefulness, two event comments, two sessions' ratings and comments
    assert page.count("Fewer than 5 answers: not shown.") == 7


def test_the_summary_in_french(client, survey, organiser):
    _answered_by(survey, [5, 4, 4, 2, 5])
    client.force_login(organiser)

    response = client.get(
        reverse("feedback:summary", args=[survey.event.slug]),
        headers={"accept-language": "fr"},
    )

    page = response.content.decode()
    assert "Dans l’ensemble, comment évaluez-vous l’événement ?" in page  # noqa: RUF001
    assert "4 : bon" in page


def test_the_csv_has_counts_notes_and_no_formulas(client, survey, organiser):
    _answered_by(survey, [1, 2, 3, 4, 5], texts=["=SUM(A1)", "b", "c", "d", "e"])
    client.force_login(organiser)

    response = client.get(reverse("feedback:summary_csv", args=[survey.event.slug]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="feedback-camp-two.csv"'
    )
    assert rows[0] == ["Question", "Session", "Answer", "Count", "Average", "Note"]
    assert rows[1] == [
        "Overall, how would you rate the event?", "", "1: very poor", "1", "3.00", ""
    ]  # fmt: skip
    assert rows[6] == [
        "How useful was it for your own work?",
        "",
        "",
        "",
        "",
        "Fewer than 5 answers: not shown",
    ]
    comments = [row[2] for row in rows if row[0] == "What worked well?"]
    assert sorted(comments) == ["'=SUM(A1)", "b", "c", "d", "e"]


def test_session_ratings_are_told_apart_in_the_averages_chart(survey):
    per_session = list(survey.questions.filter(session__isnull=False, kind="scale"))
    for _index in range(5):
        person = UserFactory()
        SurveyInvitation.objects.create(
            survey=survey, participant=person, invited_at=survey.created_at
        )
        services.submit_response(
            survey=survey, user=person, answers=[Given(q, 4) for q in per_session]
        )

    categories = list(build_summary(survey).averages.categories)

    # The chart shortens long labels: the session's title comes first, so
    # the bars stay apart even when the shared question text is cut.
    titles = [q.session.title for q in per_session]
    assert len(set(titles)) >= 2
    assert [c.split(": ", 1)[0] for c in categories] == titles
