"""What differs between SQLite FTS5 and PostgreSQL tsvector: a few SQL strings.

Everything else (analysis, parsing, filters, facets, snippets) is shared.
Tokens reaching these functions come from the analyzer (word characters
only) and are always quoted, so user input never becomes engine syntax.
"""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from .parser import Leaf

FTS_TABLE = "search_passage_fts"
PASSAGE_TABLE = "search_searchpassage"


def vendor() -> str:
    return connection.vendor


def _fts5_leaf(leaf: Leaf) -> str:
    return " OR ".join('"' + " ".join(alt) + '"' for alt in sorted(leaf.alternatives))


def _pg_leaf(leaf: Leaf) -> str:
    def phrase(alt: tuple[str, ...]) -> str:
        joined = " <-> ".join(f"'{token}'" for token in alt)
        return f"({joined})" if len(alt) > 1 else joined

    return " | ".join(phrase(alt) for alt in sorted(leaf.alternatives))


def match_expression(leaves: Sequence[Leaf]) -> str:
    """One engine expression matching a passage that matches any leaf."""
    if vendor() == "postgresql":
        return " | ".join(f"({_pg_leaf(leaf)})" for leaf in leaves)
    return " OR ".join(f"({_fts5_leaf(leaf)})" for leaf in leaves)


def matching_documents_sql(expression: str) -> tuple[str, list[Any]]:
    """SELECT of the document ids having a passage that matches."""
    if vendor() == "postgresql":
        return (
            f"SELECT p.document_id FROM {PASSAGE_TABLE} p "
            "WHERE p.vector @@ to_tsquery('simple', %s)",
            [expression],
        )
    return (
        f"SELECT p.document_id FROM {FTS_TABLE} f "
        f"JOIN {PASSAGE_TABLE} p ON p.id = f.rowid WHERE {FTS_TABLE} MATCH %s",
        [expression],
    )


def scored_passages_sql(
    expression: str, condition: str, condition_params: list[Any]
) -> tuple[str, list[Any]]:
    """A SELECT of matching passages (passage_id, document_id, score).

    ``condition`` further restricts the passages ``p``. Higher scores are
    better on both engines: FTS5's bm25() is negative, so it is negated;
    PostgreSQL's ts_rank_cd is normalised by log(length) (flag 1).
    """
    if vendor() == "postgresql":
        return (
            "SELECT p.id AS passage_id, p.document_id AS document_id, "
            "ts_rank_cd(p.vector, to_tsquery('simple', %s), 1) * p.weight AS score "
            f"FROM {PASSAGE_TABLE} p WHERE p.vector @@ to_tsquery('simple', %s) "
            f"AND {condition}",
            [expression, expression, *condition_params],
        )
    # LIMIT -1 keeps SQLite from flattening the subquery into an aggregate or
    # window, where bm25() cannot run.
    return (
        "SELECT p.id AS passage_id, p.document_id AS document_id, "
        f"-bm25({FTS_TABLE}) * p.weight AS score "
        f"FROM {FTS_TABLE} f JOIN {PASSAGE_TABLE} p ON p.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND {condition} LIMIT -1",
        [expression, *condition_params],
    )


def add_passages(cursor: object, document_ids: Iterable[int]) -> None:
    """Index the passages of these documents (rows already inserted)."""
    ids = list(document_ids)
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    if vendor() == "postgresql":
        cursor.execute(  # type: ignore[attr-defined]
            f"UPDATE {PASSAGE_TABLE} SET vector = to_tsvector('simple', tokens) "
            f"WHERE document_id IN ({marks})",
            ids,
        )
    elif vendor() == "sqlite":
        cursor.execute(  # type: ignore[attr-defined]
            f"INSERT INTO {FTS_TABLE}(rowid, tokens) "
            f"SELECT id, tokens FROM {PASSAGE_TABLE} WHERE document_id IN ({marks})",
            ids,
        )


def remove_passages(cursor: object, document_ids: Iterable[int]) -> None:
    """Drop the index entries of these documents' passages (rows still there)."""
    ids = list(document_ids)
    if not ids or vendor() != "sqlite":
        return  # the tsvector column goes away with its row
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(  # type: ignore[attr-defined]
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) "
        f"SELECT 'delete', id, tokens FROM {PASSAGE_TABLE} "
        f"WHERE document_id IN ({marks})",
        ids,
    )


def rebuild(cursor: object) -> None:
    """Rebuild the engine's structures from the passage rows."""
    if vendor() == "postgresql":
        cursor.execute(  # type: ignore[attr-defined]
            f"UPDATE {PASSAGE_TABLE} SET vector = to_tsvector('simple', tokens)"
        )
    elif vendor() == "sqlite":
        cursor.execute(  # type: ignore[attr-defined]
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
        )


def optimise(cursor: object) -> None:
    if vendor() == "postgresql":
        cursor.execute(f"ANALYZE {PASSAGE_TABLE}")  # type: ignore[attr-defined]
    elif vendor() == "sqlite":
        cursor.execute(  # type: ignore[attr-defined]
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"
        )
