"""The self-assessment's REST operations: the public framework, and a
team's assessments behind the same gate as the pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from ecoc_hub.api import services as api_services
from ecoc_hub.assessment import framework, services
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core import roles
from ecoc_hub.core.links import absolute

from .conftest import make_assessment, make_resource, submitted


def _auth(user) -> dict[str, str]:
    secret = api_services.create_token(user=user, name="test").secret
    return {"Authorization": f"Bearer {secret}"}


def test_the_framework_is_public_in_the_language_asked_for(client, db):
    response = client.get(
        "/api/v1/self-assessment/framework", headers={"Accept-Language": "de"}
    )

    data = response.json()
    version = framework.current_version()
    first = version.statements.select_related("area__criterion").first()
    assert response.status_code == 200
    assert (data["number"], len(data["levels"]), len(data["statements"])) == (1, 5, 69)
    assert data["statements"][0] == {
        "id": first.pk,
        "criterion": "A",
        "capacity_area": first.area.code,
        "text": first.text_de,
    }
    assert data["levels"][0]["name"] == version.levels.get(value=1).name_de


def test_a_draft_version_is_hidden_from_all_but_curators(client, curator):
    draft = framework.start_draft(curator=curator)
    url = f"/api/v1/self-assessment/framework/{draft.number}"

    assert client.get(url).status_code == 404
    assert client.get(url, headers=_auth(curator)).status_code == 200
    assert client.get("/api/v1/self-assessment/framework/1").status_code == 200


def test_the_list_holds_the_callers_teams_and_what_is_shared_with_them(
    client, team, team_member, team_admin, other_team_member, expert
):
    draft = make_assessment(team, person=team_member)
    done = submitted(team, team_admin, stage="bid")
    services.share_assessment(
        assessment=done, experts=[expert], peer_visible=False, person=team_admin
    )
    make_assessment(other_team_member.memberships.get().organisation)

    def uuids(user=None):
        headers = _auth(user) if user else {}
        response = client.get("/api/v1/self-assessments", headers=headers)
        assert response.status_code == 200
        return [r["uuid"] for r in response.json()["results"]]

    assert uuids(team_member) == [str(done.uuid), str(draft.uuid)]
    assert uuids(expert) == [str(done.uuid)]
    assert uuids(other_team_member) == [
        str(other_team_member.memberships.get().organisation.assessments.get().uuid)
    ]
    assert uuids() == []


def test_an_assessment_in_the_list_says_where_it_stands(client, team, team_member):
    assessment = make_assessment(team, stage="monitoring_2", person=team_member)

    row = client.get("/api/v1/self-assessments", headers=_auth(team_member)).json()[
        "results"
    ][0]

    assert {k: row[k] for k in row if k not in {"uuid", "created_at"}} == {
        "team": "Oulu team",
        "team_slug": "oulu-team",
        "stage": "monitoring_2",
        "stage_name": "Second monitoring meeting",
        "state": "draft",
        "framework_version": 1,
        "answered": 0,
        "statements": 69,
        "submitted_at": None,
        "url": absolute(f"/self-assessment/{assessment.uuid}/"),
        "result_url": absolute(f"/self-assessment/{assessment.uuid}/result/"),
    }


def test_the_result_has_scores_and_ranked_recommendations(client, team, team_admin):
    make_resource(
        title="Digital toolkit", areas=[CapacityArea.objects.get(code="digital")]
    )
    done = submitted(
        team, team_admin, level=lambda s: 1 if s.area.code == "digital" else 4
    )

    response = client.get(
        f"/api/v1/self-assessments/{done.uuid}", headers=_auth(team_admin)
    )

    data = response.json()
    assert response.status_code == 200
    assert [c["criterion"] for c in data["criteria"]] == list("ABCDEF")
    artistic = data["criteria"][2]
    assert artistic["score"] == 3.0
    assert [a["score"] for a in artistic["areas"]] == [4.0, 4.0, 1.0]
    assert data["weakest"] == [
        {
            "capacity_area": "digital",
            "score": 1.0,
            "recommendations": [
                {
                    "kind": "resource",
                    "title": "Digital toolkit",
                    "url": data["weakest"][0]["recommendations"][0]["url"],
                    "reason": "Toolkit to put into practice on Digital approaches.",
                    "score": 3.75,
                }
            ],
        }
    ]


@pytest.mark.parametrize("who", ["anonymous", "other_team", "expert_not_shared"])
def test_an_assessment_is_a_404_outside_the_team(
    client, team, team_admin, other_team_member, expert, who
):
    done = submitted(team, team_admin)
    headers = {
        "anonymous": {},
        "other_team": _auth(other_team_member),
        "expert_not_shared": _auth(expert),
    }[who]

    response = client.get(f"/api/v1/self-assessments/{done.uuid}", headers=headers)

    assert response.status_code == 404
    assert response.json()["detail"] == "No such self-assessment."


def test_a_shared_draft_stays_hidden_and_an_expert_out_of_the_pool_loses_it(
    client, team, team_admin, expert
):
    done = submitted(team, team_admin)
    services.share_assessment(
        assessment=done, experts=[expert], peer_visible=False, person=team_admin
    )
    url = f"/api/v1/self-assessments/{done.uuid}"
    headers = _auth(expert)
    assert client.get(url, headers=headers).status_code == 200

    expert.groups.remove(Group.objects.get(name=roles.EXPERT))

    assert client.get(url, headers=headers).status_code == 404
