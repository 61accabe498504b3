"""A person's answers in their data export; deleting the account leaves
the team's assessment, without the person's name."""

from __future__ import annotations

from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.accounts.services import delete_account
from ecoc_hub.assessment import services
from ecoc_hub.assessment.models import Answer, Assessment, Statement

from .conftest import answer_all, make_assessment


def _digital(assessment):
    return Statement.objects.get(
        version=assessment.version, area__code="digital", position=0
    )


def test_the_export_holds_the_answers_a_person_gave(team, team_member):
    assessment = make_assessment(team, person=team_member)
    services.save_answers(
        assessment=assessment,
        person=team_member,
        changes=[
            services.AnswerChange(
                statement=_digital(assessment), level=2, evidence="Our plan."
            )
        ],
    )

    data = export_user_data(team_member)["assessment"]

    (answer,) = data["answers"]
    assert {k: answer[k] for k in ("team", "assessment", "level", "evidence")} == {
        "team": "Oulu team",
        "assessment": str(assessment.uuid),
        "level": 2,
        "evidence": "Our plan.",
    }
    assert answer["capacity_area"] == "Digital approaches"
    assert data["started"] == [str(assessment.uuid)]
    assert data["shared_with_me"] == []


def test_deleting_a_member_keeps_the_assessment_without_their_name(
    team, team_member, team_admin
):
    assessment = make_assessment(team, person=team_member)
    answer_all(assessment, team_member, level=2)
    services.submit_assessment(assessment=assessment, person=team_admin)

    delete_account(user=team_admin)
    delete_account(user=team_member)

    kept = Assessment.objects.get()
    assert kept.state == "submitted"
    assert kept.started_by is None
    assert Answer.objects.filter(assessment=kept).count() == 69
    assert Answer.objects.exclude(answered_by=None).count() == 0
    assert set(Answer.objects.values_list("level", flat=True)) == {2}
    assert list(kept.history.values_list("actor", flat=True)) == [None]


def test_deleting_an_expert_removes_them_from_the_shared_results(
    team, team_admin, expert
):
    assessment = make_assessment(team, person=team_admin)
    answer_all(assessment, team_admin)
    services.submit_assessment(assessment=assessment, person=team_admin)
    services.share_assessment(
        assessment=assessment, experts=[expert], peer_visible=False, person=team_admin
    )
    assert export_user_data(expert)["assessment"]["shared_with_me"] == [
        str(assessment.uuid)
    ]

    delete_account(user=expert)

    assert list(Assessment.objects.get().shared_with.all()) == []
