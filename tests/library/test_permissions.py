"""One access rule for the page, the file URL, search results and facet counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from ecoc_hub.library import permissions
from ecoc_hub.library.queries import visible_resources
from ecoc_hub.search.queries import search
from tests.conftest import _with_mfa

from .conftest import make_resource

ROLES = ["visitor", "member", "team_member", "curator"]
EXPECTED = {
    "public": {"visitor": 200, "member": 200, "team_member": 200, "curator": 200},
    "members": {"visitor": 403, "member": 200, "team_member": 200, "curator": 200},
    "restricted": {"visitor": 403, "member": 403, "team_member": 200, "curator": 200},
}


@pytest.fixture
def people(member, curator, team_member):
    _with_mfa(curator)
    return {
        "visitor": AnonymousUser(),
        "member": member,
        "team_member": team_member,
        "curator": curator,
    }


def client_for(user) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.fixture
def resources(outsider, curator, team):
    return {
        access: make_resource(
            owner=outsider,
            curator=curator,
            title=f"Zythum {access}",
            access=access,
            teams=[team] if access == "restricted" else [],
        )
        for access in EXPECTED
    }


@pytest.mark.parametrize("role", ROLES)
def test_page_and_file_follow_the_access_level(role, people, resources):
    client = client_for(people[role])
    seen = {}

    for access, resource in resources.items():
        file = resource.files.get()
        seen[access] = (
            client.get(resource.get_absolute_url()).status_code,
            client.get(file.get_absolute_url()).status_code,
            client.get(reverse("library:viewer", args=[file.uuid])).status_code,
            permissions.can_view_resource(people[role], resource),
        )

    assert seen == {
        access: (codes[role], codes[role], codes[role], codes[role] == 200)
        for access, codes in EXPECTED.items()
    }


@pytest.mark.parametrize("role", ROLES)
def test_search_results_and_facet_counts_follow_the_access_level(
    role, people, resources
):
    user = people[role]
    expected_titles = sorted(
        f"Zythum {access}" for access in EXPECTED if EXPECTED[access][role] == 200
    )

    results = search("zythum", user=user, kinds=["library.resource"])

    assert sorted(hit.title for hit in results.hits) == expected_titles
    assert results.total == len(expected_titles)
    assert sorted((f.value, f.count) for f in results.facets["access"]) == sorted(
        (access, 1) for access in EXPECTED if EXPECTED[access][role] == 200
    )


@pytest.mark.parametrize("role", ROLES)
def test_queryset_rule_matches_the_predicate(role, people, resources):
    user = people[role]

    visible = set(visible_resources(user).values_list("pk", flat=True))

    assert visible == {
        r.pk for r in resources.values() if permissions.can_view_resource(user, r)
    }


@pytest.mark.parametrize("role", ["visitor", "member", "team_member"])
def test_drafts_are_hidden_from_everyone_but_owner_and_curators(role, people, outsider):
    draft = make_resource(owner=outsider, state="draft", title="Secret draft")
    client = client_for(people[role])

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.files.get().get_absolute_url()).status_code == 404


def test_owner_and_curator_see_a_draft(people, outsider, curator):
    draft = make_resource(owner=outsider, state="draft", title="Secret draft")

    assert client_for(outsider).get(draft.get_absolute_url()).status_code == 200
    assert client_for(curator).get(draft.get_absolute_url()).status_code == 200


def test_embargoed_files_are_closed_but_the_page_is_open(outsider, curator, member):
    import datetime as dt

    resource = make_resource(
        owner=outsider, curator=curator, embargo_until=dt.date(2099, 1, 1)
    )
    client = client_for(member)

    assert client.get(resource.get_absolute_url()).status_code == 200
    assert client.get(resource.files.get().get_absolute_url()).status_code == 403
    assert search("zythophilia", user=member, kinds=["library.resource"]).total == 0
    assert search("toolkit", user=member, kinds=["library.resource"]).total == 1


def test_withdrawn_resource_shows_a_tombstone_with_410(outsider, curator, client):
    from ecoc_hub.library import services

    resource = make_resource(owner=outsider, curator=curator)
    services.withdraw(resource=resource, curator=curator, reason="Duplicate record.")

    response = client.get(resource.get_absolute_url())
    download = client.get(resource.files.get().get_absolute_url())

    assert response.status_code == 410
    assert "Duplicate record." in response.content.decode()
    assert download.status_code == 404


def test_tombstone_of_a_members_only_record_hides_its_title(outsider, curator, client):
    from ecoc_hub.library import services

    resource = make_resource(
        owner=outsider, curator=curator, access="members", title="Internal memo"
    )
    services.withdraw(resource=resource, curator=curator, reason="Superseded.")

    page = client.get(resource.get_absolute_url())

    assert page.status_code == 410
    assert "Internal memo" not in page.content.decode()
    assert "Superseded." in page.content.decode()


def test_the_history_of_a_published_resource_is_for_its_owner_and_curators(
    people, outsider, curator
):
    resource = make_resource(owner=outsider, curator=curator)
    seen = {
        role: permissions.can_see_history(user, resource)
        for role, user in {**people, "owner": outsider}.items()
    }

    assert seen == {
        "visitor": False,
        "member": False,
        "team_member": False,
        "curator": True,
        "owner": True,
    }
