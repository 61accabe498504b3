from __future__ import annotations

import pytest

from ecoc_hub.assessment import services
from ecoc_hub.assessment.models import Answer, Statement
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError

from .conftest import answer_all, make_assessment


def _statement(assessment, code="digital", position=0):
    return Statement.objects.get(
        version=assessment.version, area__code=code, position=position
    )


def test_an_answer_keeps_who_gave_it_and_its_revision(team, team_member):
    assessment = make_assessment(team)
    statement = _statement(assessment)

    result = services.save_answers(
        assessment=assessment,
        person=team_member,
        changes=[services.AnswerChange(statement=statement, level=2, evidence=" Ok ")],
    )

    answer = Answer.objects.get()
    assert result.conflicts == []
    assert (answer.level, answer.evidence, answer.answered_by, answer.revision) == (
        2,
        "Ok",
        team_member,
        1,
    )


def test_a_save_based_on_an_old_revision_does_not_overwrite(
    team, team_member, team_admin
):
    assessment = make_assessment(team)
    statement = _statement(assessment)
    services.save_answers(
        assessment=assessment,
        person=team_member,
        changes=[services.AnswerChange(statement=statement, level=2)],
    )

    # The admin loaded the page before the member saved (revision 0).
    result = services.save_answers(
        assessment=assessment,
        person=team_admin,
        changes=[services.AnswerChange(statement=statement, level=5)],
    )

    answer = Answer.objects.get()
    assert [a.pk for a in result.conflicts] == [answer.pk]
    assert (answer.level, answer.answered_by, answer.revision) == (2, team_member, 1)


def test_a_save_based_on_the_current_revision_replaces_the_answer(
    team, team_member, team_admin
):
    assessment = make_assessment(team)
    statement = _statement(assessment)
    change = services.AnswerChange(statement=statement, level=2)
    services.save_answers(assessment=assessment, person=team_member, changes=[change])

    services.save_answers(
        assessment=assessment,
        person=team_admin,
        changes=[services.AnswerChange(statement=statement, level=4, seen_revision=1)],
    )

    answer = Answer.objects.get()
    assert (answer.level, answer.answered_by, answer.revision) == (4, team_admin, 2)


def test_submitting_needs_every_statement(team, team_admin):
    assessment = make_assessment(team)
    services.save_answers(
        assessment=assessment,
        person=team_admin,
        changes=[services.AnswerChange(statement=_statement(assessment), level=3)],
    )

    with pytest.raises(TransitionError) as error:
        services.submit_assessment(assessment=assessment, person=team_admin)

    assert error.value.code == "incomplete"
    assert "68 statements" in error.value.message
    assessment.refresh_from_db()
    assert assessment.state == "draft"


def test_a_team_member_who_is_not_admin_cannot_submit(team, team_member):
    assessment = make_assessment(team)
    answer_all(assessment, team_member)

    with pytest.raises(ActionRefused):
        services.submit_assessment(assessment=assessment, person=team_member)


def test_the_team_admin_submits_and_the_history_says_so(team, team_admin):
    assessment = make_assessment(team)
    answer_all(assessment, team_admin)

    services.submit_assessment(assessment=assessment, person=team_admin)

    assessment.refresh_from_db()
    assert assessment.state == "submitted"
    assert assessment.submitted_at is not None
    event = assessment.history.get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "submit",
        team_admin,
        "draft",
        "submitted",
    )


def test_a_submitted_assessment_refuses_new_answers(team, team_admin):
    assessment = make_assessment(team)
    answer_all(assessment, team_admin)
    services.submit_assessment(assessment=assessment, person=team_admin)

    with pytest.raises(TransitionError) as error:
        answer_all(assessment, team_admin, level=5)

    assert error.value.code == "wrong_state"
    assert set(Answer.objects.values_list("level", flat=True)) == {3}


def test_starting_needs_a_known_stage(team, team_member):
    with pytest.raises(TransitionError) as error:
        services.start_assessment(organisation=team, stage="later", person=team_member)

    assert error.value.field == "stage"
