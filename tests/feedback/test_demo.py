"""The demo's camp 2 survey: answers enough for the charts, loaded once."""

from __future__ import annotations

from io import StringIO

import pytest

from ecoc_hub.accounts import demo as accounts_demo
from ecoc_hub.events import demo
from ecoc_hub.events.feedback.models import Survey, SurveyInvitation
from ecoc_hub.events.feedback.summary import build_summary

pytestmark = pytest.mark.django_db


def test_camp_2_has_a_survey_with_charts_and_the_participant_still_to_answer(
    settings,
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    accounts_demo.load_demo(stdout=StringIO())
    demo.load_demo(stdout=StringIO())
    demo.load_demo(stdout=StringIO())

    survey = Survey.objects.get(event__slug="academy-camp-2-digital-approaches")
    data = build_summary(survey)
    participant = SurveyInvitation.objects.get(
        survey=survey, participant__email=demo.PARTICIPANT_EMAIL
    )

    assert (survey.state, data.invited, data.responses) == ("open", 15, 12)
    assert participant.answered is False
    assert [s.suppressed for s in data.questions] == [False] * 17
    assert sum(1 for s in data.questions if s.chart) == 9
