"""The survey's life: default questions, opening, invitations to those who
attended in their language, the one reminder, anonymous answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.events.feedback import services
from ecoc_hub.events.feedback.models import (
    SurveyAnswer,
    SurveyHistory,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from ecoc_hub.events.feedback.services import Given
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _open(event, organiser):
    survey = services.survey_for(event)
    transition(survey, "open", actor=organiser)
    return survey


def test_a_new_survey_has_the_default_questions_and_one_per_session(ended):
    survey = services.survey_for(ended)

    rows = list(survey.questions.values_list("kind", "session__title"))

    assert rows == [
        ("scale", None),
        ("scale", None),
        ("choice", None),
        ("text", None),
        ("text", None),
        ("scale", "Digital evaluation"),
        ("text", "Digital evaluation"),
        ("scale", "Digital communities"),
        ("text", "Digital communities"),
    ]
    assert services.survey_for(ended) == survey
    assert survey.questions.count() == 9


def test_opening_an_ended_event_s_survey_invites_those_who_attended(ended, organiser):
    survey = _open(ended, organiser)

    invited = set(
        survey.invitations.values_list("participant__display_name", "language")
    )
    assert invited == {("Ana", "en"), ("Bruno", "fr")}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "ana@example.org": "[ECoC Hub] How was Camp 2? "
        "Tell the organisers, anonymously",
        "bruno@example.org": "[ECoC Hub] Comment s’est passé Camp 2 ? "  # noqa: RUF001
        "Dites-le aux organisateurs, anonymement",
    }
    history = SurveyHistory.objects.get(survey=survey)
    assert (history.action, history.actor, history.to_state) == (
        "open",
        organiser,
        "open",
    )


def test_invitations_wait_for_the_end_and_the_job_sends_each_once(ended, organiser):
    ended.ends_at = timezone.now() + timedelta(hours=2)
    ended.save()
    _open(ended, organiser)
    assert len(mail.outbox) == 0

    later = timezone.now() + timedelta(hours=3)
    assert services.send_invitations(now=later) == 2
    assert services.send_invitations(now=later) == 0
    assert len(mail.outbox) == 2


def test_a_survey_without_questions_cannot_open(ended, organiser):
    survey = services.survey_for(ended)
    survey.questions.all().delete()

    with pytest.raises(TransitionError) as error:
        transition(survey, "open", actor=organiser)

    assert error.value.code == "no_questions"


def test_only_organisers_open_a_survey(ended):
    survey = services.survey_for(ended)

    with pytest.raises(ActionRefused):
        transition(survey, "open", actor=ended.people["ana"])


def test_one_reminder_after_the_days_set_to_those_who_have_not_answered(
    ended, organiser
):
    survey = _open(ended, organiser)
    survey.reminder_days = 2
    survey.save()
    services.submit_response(
        survey=survey, user=ended.people["ana"], answers=_answers(survey, 5)
    )
    mail.outbox.clear()

    assert services.send_reminders(now=timezone.now() + timedelta(days=1)) == 0
    assert services.send_reminders(now=timezone.now() + timedelta(days=2, hours=1)) == 1
    assert services.send_reminders(now=timezone.now() + timedelta(days=9)) == 0

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["bruno@example.org"], "[ECoC Hub] Un rappel : votre avis sur Camp 2")
    ]


def test_no_reminder_once_the_survey_is_closed(ended, organiser):
    survey = _open(ended, organiser)
    transition(survey, "close", actor=organiser)

    assert services.send_reminders(now=timezone.now() + timedelta(days=30)) == 0


def _answers(survey, rating: int, text: str = "") -> list[Given]:
    result = []
    for question in survey.questions.all():
        value = {"scale": rating, "choice": "Yes", "text": text}[question.kind]
        result.append(Given(question=question, value=value))
    return result


def test_an_answer_is_stored_without_the_person_and_marks_them_answered(
    ended, organiser
):
    survey = _open(ended, organiser)
    ana = ended.people["ana"]

    services.submit_response(
        survey=survey, user=ana, answers=_answers(survey, 4, "The cases")
    )

    invitation = SurveyInvitation.objects.get(survey=survey, participant=ana)
    assert invitation.answered is True
    response = SurveyResponse.objects.get(survey=survey)
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "answers"}
    answer_fields = {f.name for f in SurveyAnswer._meta.concrete_fields}
    assert answer_fields == {"id", "response", "question", "rating", "choice", "text"}
    ratings = response.answers.values_list("rating", flat=True)
    assert sorted(ratings, key=lambda r: r or 0) == [None] * 5 + [4] * 4
    # the event's two comments and each session's
    assert (
        list(response.answers.exclude(text="").values_list("text", flat=True))
        == ["The cases"] * 4
    )


def test_a_person_answers_once_and_only_when_invited(ended, organiser):
    survey = _open(ended, organiser)
    services.submit_response(
        survey=survey, user=ended.people["ana"], answers=_answers(survey, 3)
    )

    with pytest.raises(TransitionError) as error:
        services.submit_response(
            survey=survey, user=ended.people["ana"], answers=_answers(survey, 1)
        )
    assert error.value.code == "answered"
    with pytest.raises(ActionRefused):
        services.submit_response(
            survey=survey, user=ended.people["chiara"], answers=_answers(survey, 1)
        )
    with pytest.raises(ActionRefused):
        services.submit_response(
            survey=survey, user=UserFactory(), answers=_answers(survey, 1)
        )
    assert SurveyResponse.objects.count() == 1


def test_a_closed_survey_takes_no_answers(ended, organiser):
    survey = _open(ended, organiser)
    transition(survey, "close", actor=organiser)

    with pytest.raises(TransitionError) as error:
        services.submit_response(
            survey=survey, user=ended.people["ana"], answers=_answers(survey, 3)
        )

    assert error.value.code == "closed"


def test_questions_change_only_while_the_survey_is_prepared(ended, organiser):
    survey = services.survey_for(ended)
    question = services.save_question(
        survey=survey, kind="choice", label="Which day?", choices=["Mon", "Tue"]
    )
    assert (question.position, question.choices) == (9, ["Mon", "Tue"])
    transition(survey, "open", actor=organiser)

    with pytest.raises(TransitionError):
        services.save_question(survey=survey, question=question, label="Changed")
    with pytest.raises(TransitionError):
        services.delete_question(question=question)
    assert SurveyQuestion.objects.get(pk=question.pk).label == "Which day?"


def test_export_holds_the_invitation_and_deletion_keeps_the_answers(ended, organiser):
    from ecoc_hub.accounts.privacy import export_user_data, registered_erasers
    from ecoc_hub.events.feedback.privacy import (
        erase_survey_invitations,
        export_survey_invitations,
    )

    survey = _open(ended, organiser)
    ana = ended.people["ana"]
    services.submit_response(survey=survey, user=ana, answers=_answers(survey, 4))

    exported = export_survey_invitations(ana)
    in_export = export_user_data(ana)["feedback_surveys"]
    erase_survey_invitations(ana, contributions="keep")

    assert [(row["event"], row["answered"]) for row in exported] == [("Camp 2", True)]
    assert in_export == exported
    assert erase_survey_invitations in registered_erasers()
    assert SurveyInvitation.objects.filter(participant=ana).count() == 0
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
