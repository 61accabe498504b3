from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ecoc_hub.community import permissions, queries, services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import make_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return OrganisationFactory(name="Oulu team", slug="oulu-team")


@pytest.fixture
def teammate(team):
    return MembershipFactory(organisation=team).user


@pytest.fixture
def spaces(team):
    return {
        "public": make_space(name="Open", access="public"),
        "members": make_space(name="Closed", access="members"),
        "team": services.team_space(organisation=team),
    }


def _table(user, spaces):
    return {
        name: (
            permissions.can_know_space(user, space),
            permissions.can_read_space(user, space),
            permissions.can_post_in_space(user, space),
        )
        for name, space in spaces.items()
    }


def test_a_visitor_reads_public_spaces_and_knows_of_members_spaces(spaces):
    assert _table(AnonymousUser(), spaces) == {
        "public": (True, True, False),
        "members": (True, False, False),
        "team": (False, False, False),
    }


def test_a_member_of_another_team_never_learns_of_a_team_space(spaces, outsider):
    assert _table(outsider, spaces) == {
        "public": (True, True, True),
        "members": (True, True, True),
        "team": (False, False, False),
    }


def test_a_team_member_writes_in_the_team_space(spaces, teammate):
    assert _table(teammate, spaces)["team"] == (True, True, True)


def test_a_curator_reads_and_writes_everywhere(spaces, curator):
    assert set(_table(curator, spaces).values()) == {(True, True, True)}


@pytest.mark.parametrize("role", ["visitor", "outsider", "teammate", "curator"])
def test_the_queries_agree_with_the_predicates(
    spaces, role, outsider, teammate, curator
):
    user = {
        "visitor": AnonymousUser(),
        "outsider": outsider,
        "teammate": teammate,
        "curator": curator,
    }[role]

    known = set(queries.known_spaces(user).values_list("pk", flat=True))
    readable = set(queries.readable_spaces(user).values_list("pk", flat=True))

    assert known == {
        s.pk for s in spaces.values() if permissions.can_know_space(user, s)
    }
    assert readable == {
        s.pk for s in spaces.values() if permissions.can_read_space(user, s)
    }


def test_only_curators_create_and_manage_topic_spaces(spaces, member, curator):
    assert permissions.can_create_space(member) is False
    assert permissions.can_create_space(curator) is True
    assert permissions.can_manage_space(curator, spaces["members"]) is True
    assert permissions.can_manage_space(curator, spaces["team"]) is False


def test_authors_edit_their_own_posts_and_curators_any(spaces, member, curator):
    thread = services.start_thread(
        space=spaces["public"], author=member, title="T", body="Hello"
    )
    post = thread.posts.get()

    assert permissions.can_edit_post(member, post) is True
    assert permissions.can_edit_post(UserFactory(), post) is False
    assert permissions.can_edit_post(curator, post) is True
    assert permissions.can_edit_post(AnonymousUser(), post) is False


def test_an_author_who_left_the_team_no_longer_edits_there(spaces, team, teammate):
    thread = services.start_thread(
        space=spaces["team"], author=teammate, title="T", body="Hello"
    )
    team.memberships.filter(user=teammate).delete()

    assert permissions.can_edit_post(teammate, thread.posts.get()) is False
