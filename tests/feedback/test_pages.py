"""The participant's survey page and the organisers' survey pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.core.workflow import transition
from ecoc_hub.events.feedback import services
from ecoc_hub.events.feedback.models import SurveyAnswer, SurveyInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(ended, organiser):
    survey = services.survey_for(ended)
    transition(survey, "open", actor=organiser)
    return survey


def _form_data(survey) -> dict[str, str]:
    data = {}
    for question in survey.questions.all():
        value = {"scale": "4", "choice": "Perhaps", "text": "More time"}[question.kind]
        data[f"q{question.pk}"] = value
    return data


def test_an_invited_participant_answers_and_sees_the_thanks(client, survey):
    ana = survey.event.people["ana"]
    client.force_login(ana)
    url = reverse("feedback:answer", args=[survey.event.slug])

    page = client.get(url).content.decode()
    assert "Session: Digital evaluation" in page
    response = client.post(url, _form_data(survey))

    assert response.status_code == 302
    assert SurveyInvitation.objects.get(participant=ana).answered is True
    assert SurveyAnswer.objects.filter(rating=4).count() == 4
    page = client.get(url).content.decode()
    assert "You have answered this survey." in page
    assert "Send my answers" not in page


def test_the_overall_rating_is_required(client, survey):
    client.force_login(survey.event.people["ana"])
    data = _form_data(survey)
    overall = survey.questions.first()
    del data[f"q{overall.pk}"]

    response = client.post(reverse("feedback:answer", args=[survey.event.slug]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"q{overall.pk}": ["This field is required."]
    }
    assert SurveyAnswer.objects.count() == 0


def test_the_dashboard_lists_the_survey_to_answer(client, survey):
    client.force_login(survey.event.people["bruno"])

    page = client.get(reverse("events:dashboard")).content.decode()

    assert reverse("feedback:answer", args=[survey.event.slug]) in page


def test_organiser_adds_a_choice_question_while_preparing(client, ended, organiser):
    client.force_login(organiser)
    url = reverse("feedback:question_new", args=[ended.slug])

    refused = client.post(url, {"kind": "choice", "label": "Which day?", "position": 9})
    response = client.post(
        url,
        {
            "kind": "choice",
            "label": "Which day?",
            "options": "Mon\nTue\n",
            "position": 9,
        },
    )

    assert refused.context["form"].errors == {
        "options": ["Give at least two options, one per line."]
    }
    assert response.status_code == 302
    question = ended.survey.questions.get(label="Which day?")
    assert (question.choices, question.session) == (["Mon", "Tue"], None)


def test_organiser_opens_and_closes_the_survey_from_its_page(client, ended, organiser):
    client.force_login(organiser)

    client.post(reverse("feedback:state", args=[ended.slug, "open"]))
    page = client.get(reverse("feedback:manage", args=[ended.slug])).content.decode()
    client.post(reverse("feedback:state", args=[ended.slug, "close"]))

    assert "0 of 2 invited people have answered." in page
    ended.survey.refresh_from_db()
    assert ended.survey.state == "closed"
    assert list(ended.survey.history.values_list("action", flat=True)) == [
        "close",
        "open",
    ]
