"""A visitor who follows a link to a members-only record: a page that says so
and offers to sign in, with nothing of the record on it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Confidential bid strategy of Atlantis"
SECRET_ABSTRACT = "Budget lines nobody outside may read."


@pytest.fixture
def members_only(member, curator):
    return make_resource(
        owner=member,
        curator=curator,
        title=SECRET_TITLE,
        access="members",
        abstract=SECRET_ABSTRACT,
        publisher="Atlantis Foundation",
    )


def _assert_nothing_of_the_record(response, resource) -> None:
    html = response.content.decode()
    for secret in (
        SECRET_TITLE,
        "Confidential",
        SECRET_ABSTRACT,
        "Atlantis Foundation",
        "Ada Author",
        "citation_title",
        "application/ld+json",
    ):
        assert secret not in html
    assert "Link" not in response.headers


def test_visitor_gets_a_sign_in_page_for_a_members_only_record(client, members_only):
    url = members_only.get_absolute_url()

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>This page is for signed-in members</h1>" in html
    assert f'href="/accounts/login/?next={quote(url, safe="")}"' in html
    assert "Access denied" not in html
    _assert_nothing_of_the_record(response, members_only)


def test_the_sign_in_link_returns_to_the_record(client, members_only, member, password):
    url = members_only.get_absolute_url()

    response = client.post(
        reverse("account_login") + "?next=" + quote(url, safe=""),
        {"login": member.email, "password": password},
    )

    assert response.status_code == 302
    assert response["Location"] == url
    assert SECRET_TITLE in client.get(url).content.decode()


def test_visitor_gets_a_plain_not_found_for_an_unpublished_record(client, member):
    draft = make_resource(owner=member, state="draft", title=SECRET_TITLE)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "This page is for signed-in members" not in response.content.decode()
    _assert_nothing_of_the_record(response, draft)


def test_visitor_gets_the_sign_in_page_for_a_members_only_file(client, members_only):
    file = members_only.files.get()

    response = client.get(file.get_absolute_url())

    assert response.status_code == 403
    assert "This page is for signed-in members" in response.content.decode()
    _assert_nothing_of_the_record(response, members_only)


def test_signed_in_member_outside_the_team_gets_access_denied(
    client, outsider, member, curator, team
):
    team_record = make_resource(
        owner=member,
        curator=curator,
        title=SECRET_TITLE,
        access="restricted",
        teams=[team],
    )
    client.force_login(outsider)

    response = client.get(team_record.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in html
    assert 'href="/me/teams/"' in html
    _assert_nothing_of_the_record(response, team_record)
