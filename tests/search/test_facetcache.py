"""The facet counts cache (search/facetcache.py): served again while the
index is unchanged, never stale after a write, never shared between people
who may see different documents."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ecoc_hub.search import conditions, facetcache
from ecoc_hub.search.models import IndexGeneration
from ecoc_hub.search.queries import search
from ecoc_hub.search.services import remove_document
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    # Keep every count, however small, so the fixtures stay small.
    monkeypatch.setattr(facetcache, "MIN_TOTAL", 1)


@pytest.fixture
def counted(monkeypatch):
    """How many times the facet statement really ran."""
    calls = []
    real = conditions.fetch

    def counting(sql, params):
        if sql.startswith("WITH base AS MATERIALIZED"):
            calls.append(sql)
        return real(sql, params)

    monkeypatch.setattr(conditions, "fetch", counting)
    return calls


def type_counts(results):
    return {f.value: f.count for f in results.facets["type"]}


def corpus():
    for number in range(3):
        make_document(
            title=f"Guide {number}",
            text="audience development",
            facets={"type": ["guide"]},
        )
    make_document(
        title="Report", text="audience development", facets={"type": ["report"]}
    )


def test_the_same_search_is_counted_once_while_the_index_is_unchanged(counted):
    corpus()
    first = search("audience", user=VISITOR)
    second = search("audience", user=VISITOR)

    assert len(counted) == 1
    assert second.total == first.total == 4
    assert type_counts(second) == type_counts(first) == {"guide": 3, "report": 1}


def test_a_document_indexed_after_the_counts_is_counted_at_once(counted):
    corpus()
    assert search("audience", user=VISITOR).total == 4

    make_document(title="New", text="audience research", facets={"type": ["report"]})
    results = search("audience", user=VISITOR)

    assert results.total == 5
    assert type_counts(results) == {"guide": 3, "report": 2}
    assert len(counted) == 2


def test_a_removed_document_leaves_the_counts_at_once():
    corpus()
    removed = make_document(title="Gone", text="audience", facets={"type": ["report"]})
    assert search("audience", user=VISITOR).total == 5

    remove_document(kind=removed.kind, object_id=removed.object_id)

    assert type_counts(search("audience", user=VISITOR)) == {"guide": 3, "report": 1}


def test_a_document_made_private_leaves_the_visitors_counts_at_once():
    corpus()
    made = make_document(title="Open", text="audience", facets={"type": ["report"]})
    assert search("audience", user=VISITOR).total == 5

    make_document(
        object_id=made.object_id, title="Open", text="audience", access="members"
    )

    assert search("audience", user=VISITOR).total == 4


def test_a_rolled_back_write_leaves_the_generation_as_it_was():
    before = facetcache.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_document(title="Never", text="audience")
        assert facetcache.current() == before + 1
        raise RuntimeError

    assert facetcache.current() == before


def test_visitors_members_and_team_members_each_get_their_own_counts(counted):
    team = OrganisationFactory()
    member = UserFactory()
    corpus()
    make_document(title="Members", text="audience", access="members")
    restricted = make_document(
        title="Team",
        text="audience",
        access="restricted",
        allowed_organisation_ids=[team.pk],
    )
    assert restricted.access == "restricted"

    assert search("audience", user=VISITOR).total == 4
    assert search("audience", user=member).total == 5
    assert search("audience", user=VISITOR).total == 4

    MembershipFactory(user=member, organisation=team)
    assert search("audience", user=member).total == 6
    # Leaving the team takes its document out of the member's counts at
    # once, although the index did not change.
    member.memberships.all().delete()
    assert search("audience", user=member).total == 5
    # Counted for the visitor, the member, the team member; the member who
    # left is counted as a member without a team was.
    assert len(counted) == 3


def test_nothing_is_cached_without_the_generation_row(counted):
    corpus()
    IndexGeneration.objects.all().delete()
    search("audience", user=VISITOR)
    search("audience", user=VISITOR)
    assert len(counted) == 2

    # The next write makes the row again, from the clock: above any number
    # an entry cached before the row went missing can carry.
    make_document(title="Back", text="audience")
    assert facetcache.current() > 10**15
    search("audience", user=VISITOR)
    search("audience", user=VISITOR)
    assert len(counted) == 3


def test_small_counts_are_not_kept(monkeypatch, counted):
    monkeypatch.setattr(facetcache, "MIN_TOTAL", 5)
    corpus()
    search("audience", user=VISITOR)
    search("audience", user=VISITOR)
    assert len(counted) == 2
