from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from ecoc_hub.search.backends import backend
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


def engine_rows() -> tuple[int, int]:
    """Entries of the passage index and of the document index."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM search_searchpassage WHERE vector IS NOT NULL"
            )
            passages = cursor.fetchone()[0]
            cursor.execute("SELECT COUNT(*) FROM search_document_vector")
        else:
            cursor.execute("SELECT COUNT(*) FROM search_passage_fts_docsize")
            passages = cursor.fetchone()[0]
            cursor.execute("SELECT COUNT(*) FROM search_document_fts_docsize")
        return passages, cursor.fetchone()[0]


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
    assert engine_rows() == (3, 1)


def test_indexing_again_replaces_everything_before():
    make_document(object_id=1, title="Old title", text="obsolete words")

    make_document(object_id=1, title="New title", text="fresh words")

    assert SearchDocument.objects.count() == 1
    assert SearchPassage.objects.count() == 2
    assert engine_rows() == (2, 1)
    assert search("obsolete", user=VISITOR).total == 0
    assert [h.title for h in search("fresh", user=VISITOR).hits] == ["New title"]


def test_remove_document_takes_it_out_of_the_engine_too():
    make_document(object_id=1, text="ephemeral")
    make_document(object_id=2, text="lasting")

    removed = remove_document(kind="tests.thing", object_id=1)

    assert removed is True
    assert remove_document(kind="tests.thing", object_id=1) is False
    assert engine_rows() == (2, 1)
    assert search("ephemeral", user=VISITOR).total == 0


def test_remove_kind_removes_only_that_kind():
    make_document(kind="tests.a", text="culture")
    make_document(kind="tests.b", text="culture")

    assert remove_kind(kind="tests.a") == 1
    assert list(SearchDocument.objects.values_list("kind", flat=True)) == ["tests.b"]
    assert engine_rows() == (2, 1)


def test_rebuild_engine_gives_the_same_results():
    make_document(title="Kept", text="heritage")
    make_document(object_id=2, title="Phrase", text="urban regeneration plan")

    rebuild_engine()

    assert engine_rows() == (4, 2)
    assert [h.title for h in search("heritage", user=VISITOR).hits] == ["Kept"]
    assert [h.title for h in search('"urban regeneration"', user=VISITOR).hits] == [
        "Phrase"
    ]


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
    assert engine_rows() == (0, 0)


def test_a_huge_vocabulary_still_fits_a_postgresql_document_entry():
    from collections import Counter

    from ecoc_hub.search.backends.postgresql import MAX_VECTOR_BYTES, tsvector_literal

    body = Counter({f"word{n:06d}x": 3 for n in range(120_000)})

    literal = tsvector_literal(body, Counter({"title": 1}))

    assert len(literal.encode()) <= MAX_VECTOR_BYTES
    assert ("'word000000x':1" in literal, "'title':1A" in literal) == (True, True)
    assert tsvector_literal(Counter({"it's": 2}), Counter({"it's": 1})) == (
        "'it''s':1A,2,3"
    )


def test_the_ranking_vector_keeps_boosted_and_most_frequent_tokens():
    from collections import Counter

    from ecoc_hub.search.backends.postgresql import RANK_TERMS, rank_vector_literal

    body = Counter({f"t{n:03d}": 100 - n for n in range(100)})

    literal = rank_vector_literal(body, Counter({"title": 1, "t099": 1}))

    kept = {entry.split(":")[0].strip("'") for entry in literal.split()}
    assert kept == {f"t{n:03d}" for n in range(RANK_TERMS)} | {"title", "t099"}


def test_a_stale_document_entry_left_by_a_flush_never_surfaces():
    document = make_document(object_id=1, text="fresh")
    with connection.cursor() as cursor:
        # A flush empties the model tables only (no foreign key ties the
        # document index to them); the next document may reuse the id.
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE search_document_vector SET vector = 'stale'::tsvector"
            )
    SearchDocument.objects.filter(pk=document.pk).delete()

    make_document(object_id=2, text="renewed")
    if connection.vendor == "postgresql":  # an entry for a reused id is replaced
        with connection.cursor() as cursor:
            backend().add_document_entries(cursor, [SearchDocument.objects.get().pk])

    assert (
        search("renewed", user=VISITOR).total,
        search("stale", user=VISITOR).total,
        search("fresh", user=VISITOR).total,
    ) == (1, 0, 0)


def _seqscan() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL planner setting"
)
def test_the_planner_guard_restores_the_setting_and_lets_errors_through():
    from django.db import DataError, transaction

    from ecoc_hub.search.backends import backend

    planned_for_index = backend().planned_for_index

    with transaction.atomic():
        with planned_for_index():
            inside = _seqscan()
        after = _seqscan()
        with (
            pytest.raises(DataError, match="division by zero"),
            planned_for_index(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT 1 / 0")
        after_error = _seqscan()

    assert (inside, after, after_error) == ("off", "on", "on")
