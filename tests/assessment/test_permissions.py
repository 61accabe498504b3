"""Every assessment endpoint of the shared access matrix (tests/access.py)
as the people the matrix has no column for: a plain team member (not a team
admin), a person who has left the team, and an expert whose role was taken
away after a result was shared with them. The matrix's own columns
(visitor, team admin, another team's member, curator, site admin, the
expert it is shared with, another expert) are asserted by
tests/core/test_access_matrix.py on the same rows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from ecoc_hub.accounts.models import Membership
from ecoc_hub.assessment import permissions, queries, services
from ecoc_hub.core import roles
from ecoc_hub.core.workflow import TransitionError
from tests.access import ENDPOINTS
from tests.assessment.access import _assessments
from tests.conftest import _with_mfa
from tests.factories import MembershipFactory, UserFactory

ROWS = {name: e for name, e in ENDPOINTS.items() if name.startswith("assessment:")}

#: What each of the three people gets, row by row.
EXPECTED = {
    #                                 team member, left the team, ex-expert
    "assessment:index": (200, 200, 200),
    "assessment:team": (200, 403, 403),
    # A plain member may start one (the redirect goes to it).
    "assessment:start": (302, 403, 403),
    "assessment:detail": (200, 404, 404),
    "assessment:part": (200, 404, 404),
    # Only a team admin submits.
    "assessment:submit": (403, 404, 404),
    "assessment:result": (200, 404, 404),
    "assessment:report": (200, 404, 404),
    "assessment:result draft": (200, 404, 404),
    # Only a team admin shares.
    "assessment:share": (403, 404, 404),
    "assessment:version draft": (404, 404, 404),
    "assessment:statement_new": (403, 403, 403),
    "assessment:statement": (403, 403, 403),
    "assessment:level": (403, 403, 403),
    "assessment:statement_delete": (403, 403, 403),
    "assessment:publish": (403, 403, 403),
    "assessment:draft": (403, 403, 403),
    "assessment:aggregates": (403, 403, 403),
    "assessment:aggregates_csv": (403, 403, 403),
}
PEOPLE = ("team_member", "left_team", "former_expert")


@pytest.fixture
def world(db):
    from tests.factories import OrganisationFactory

    team = OrganisationFactory(name="Oulu team", slug="oulu-team")
    admin = MembershipFactory(organisation=team, role=Membership.Role.ADMIN).user
    world = SimpleNamespace(
        team=team,
        people={
            "member": admin,
            "expert": UserFactory(roles=["expert"]),
            "curator": _with_mfa(UserFactory(roles=["curator"])),
        },
    )
    _assessments(world)
    world.team_member = MembershipFactory(organisation=team).user
    left = MembershipFactory(organisation=team)
    world.left_team = left.user
    left.delete()
    # The result was shared with them while they were in the pool.
    world.former_expert = world.people["expert"]
    world.former_expert.groups.remove(Group.objects.get(name=roles.EXPERT))
    return world


def _status(client: Client, world, endpoint) -> int:
    with transaction.atomic():
        send = getattr(client, endpoint.method)
        response = send(endpoint.url(world), endpoint.data(world))
        transaction.set_rollback(True)
    return response.status_code


def test_every_assessment_row_of_the_matrix_is_in_this_table():
    assert sorted(ROWS) == sorted(EXPECTED)


@pytest.mark.parametrize("index", range(len(PEOPLE)), ids=PEOPLE)
def test_each_assessment_url_answers_as_the_table_says(world, index):
    client = Client()
    client.force_login(getattr(world, PEOPLE[index]))

    seen = {name: _status(client, world, e) for name, e in ROWS.items()}

    assert seen == {name: row[index] for name, row in EXPECTED.items()}


def test_the_shared_expert_sees_the_result_only_once_submitted(
    team, team_admin, expert
):
    from .conftest import answer_all, make_assessment

    assessment = make_assessment(team, person=team_admin)
    answer_all(assessment, team_admin)
    assessment.shared_with.add(expert)  # as if shared before submitting

    assert permissions.can_see_assessment(expert, assessment) is False
    assert list(queries.visible_assessments(expert)) == []

    services.submit_assessment(assessment=assessment, person=team_admin)
    assessment.refresh_from_db()

    assert permissions.can_see_assessment(expert, assessment) is True
    assert list(queries.visible_assessments(expert)) == [assessment]
    assert permissions.can_answer(expert, assessment) is False
    assert permissions.can_share(expert, assessment) is False


def test_an_expert_who_left_the_pool_no_longer_sees_what_was_shared(
    team, team_admin, expert
):
    from .conftest import submitted

    assessment = submitted(team, team_admin)
    services.share_assessment(
        assessment=assessment, experts=[expert], peer_visible=False, person=team_admin
    )
    expert.groups.remove(Group.objects.get(name=roles.EXPERT))
    expert = type(expert).objects.get(pk=expert.pk)  # roles are cached

    assert permissions.can_see_assessment(expert, assessment) is False
    assert list(queries.visible_assessments(expert)) == []
    assert list(queries.shared_with_me(expert)) == []


@pytest.mark.parametrize("who", ["member", "inactive", "former"])
def test_a_result_is_shared_only_with_people_of_the_expert_pool(team, team_admin, who):
    from .conftest import submitted

    assessment = submitted(team, team_admin)
    person = {
        "member": lambda: UserFactory(),
        "inactive": lambda: UserFactory(roles=["expert"], is_active=False),
        "former": lambda: UserFactory(roles=["expert"], is_former_member=True),
    }[who]()

    with pytest.raises(TransitionError) as error:
        services.share_assessment(
            assessment=assessment,
            experts=[person],
            peer_visible=False,
            person=team_admin,
        )

    assert (error.value.code, error.value.field) == ("not_an_expert", "experts")
    assert list(assessment.shared_with.all()) == []


def test_a_draft_cannot_be_shared(team, team_admin, expert):
    from .conftest import make_assessment

    with pytest.raises(TransitionError) as error:
        services.share_assessment(
            assessment=make_assessment(team, person=team_admin),
            experts=[expert],
            peer_visible=True,
            person=team_admin,
        )

    assert error.value.code == "wrong_state"


def test_a_site_admin_sees_every_team_but_does_not_answer(team, admin_user):
    from .conftest import make_assessment

    assessment = make_assessment(team)

    assert permissions.can_see_assessment(admin_user, assessment) is True
    assert permissions.can_submit(admin_user, assessment) is True
    assert permissions.can_answer(admin_user, assessment) is False
    assert list(queries.visible_assessments(admin_user)) == [assessment]


def test_another_teams_member_finds_none_of_the_teams_assessments(
    team, team_admin, other_team_member
):
    from .conftest import submitted

    submitted(team, team_admin)

    assert list(queries.visible_assessments(other_team_member)) == []
    assert list(queries.shared_with_me(other_team_member)) == []
