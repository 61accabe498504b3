from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from ecoc_hub.search.models import (
    SearchDocument,
    SearchDocumentOrganisation,
    SearchFacetValue,
    SearchPassage,
)
from ecoc_hub.search.queries import search
from ecoc_hub.search.services import (
    Passage,
    index_document,
    rebuild_engine,
    remove_document,
    remove_kind,
)
from tests.factories import OrganisationFactory
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db
VISITOR = AnonymousUser()


def engine_rows() -> int:
    """Rows the full-text engine holds (FTS5 entries or non-null tsvectors)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM search_searchpassage WHERE vector IS NOT NULL"
            )
        else:
            cursor.execute("SELECT COUNT(*) FROM search_passage_fts_docsize")
        return cursor.fetchone()[0]


def test_index_document_stores_the_document_its_facets_and_passages():
    team = OrganisationFactory()

    document = index_document(
        kind="library.resource",
        object_id=7,
        title="Bid book of Oulu 2026",
        url="/library/7/",
        summary="The bid",
        language="en",
        access="restricted",
        allowed_organisation_ids=[team.pk, team.pk],
        published=dt.date(2021, 3, 4),
        popularity=12,
        facets={"type": ["bid_book"], "language": ["en", "fi"]},
        passages=[
            Passage(text="Page one", language="en", locator="page=1", label="p. 1"),
            Passage(text="Sivu kaksi", language="fi", locator="page=2"),
        ],
    )

    assert (document.year, document.access, document.title_sort) == (
        2021,
        "restricted",
        "bid book of oulu 2026",
    )
    assert list(
        SearchDocumentOrganisation.objects.values_list("organisation_id", flat=True)
    ) == [team.pk]
    assert sorted(SearchFacetValue.objects.values_list("facet", "value")) == [
        ("language", "en"),
        ("language", "fi"),
        ("type", "bid_book"),
    ]
    assert list(
        SearchPassage.objects.order_by("position").values_list(
            "position", "language", "tokens"
        )
    ) == [
        (0, "en", "bid book oulu 2026"),
        (1, "en", "page one"),
        (2, "fi", "sivu kaks"),
    ]
    assert engine_rows() == 3


def test_indexing_again_replaces_everything_before():
    make_document(object_id=1, title="Old title", text="obsolete words")

    make_document(object_id=1, title="New title", text="fresh words")

    assert SearchDocument.objects.count() == 1
    assert SearchPassage.objects.count() == 2
    assert engine_rows() == 2
    assert search("obsolete", user=VISITOR).total == 0
    assert [h.title for h in search("fresh", user=VISITOR).hits] == ["New title"]


def test_remove_document_takes_it_out_of_the_engine_too():
    make_document(object_id=1, text="ephemeral")
    make_document(object_id=2, text="lasting")

    removed = remove_document(kind="tests.thing", object_id=1)

    assert removed is True
    assert remove_document(kind="tests.thing", object_id=1) is False
    assert engine_rows() == 2
    assert search("ephemeral", user=VISITOR).total == 0


def test_remove_kind_removes_only_that_kind():
    make_document(kind="tests.a", text="culture")
    make_document(kind="tests.b", text="culture")

    assert remove_kind(kind="tests.a") == 1
    assert list(SearchDocument.objects.values_list("kind", flat=True)) == ["tests.b"]
    assert engine_rows() == 2


def test_rebuild_engine_gives_the_same_results():
    make_document(title="Kept", text="heritage")

    rebuild_engine()

    assert [h.title for h in search("heritage", user=VISITOR).hits] == ["Kept"]


def test_bad_access_level_is_refused_and_changes_nothing():
    with pytest.raises(ValueError, match="access level"):
        make_document(access="secret")

    assert SearchDocument.objects.count() == 0


def test_a_passage_without_language_takes_the_document_language():
    make_document(language="de", passages=[Passage(text="Städte")])

    assert list(
        SearchPassage.objects.filter(position=1).values_list("language", "tokens")
    ) == [("de", "stadt")]


def test_index_and_query_run_inside_the_callers_transaction():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_document(text="rolled back")
        raise RuntimeError

    assert SearchDocument.objects.count() == 0
    assert engine_rows() == 0
