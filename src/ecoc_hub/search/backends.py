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


# SQLite: the FTS5 table is contentless and its rowid encodes the passage as
# document_id * PASSAGE_KEY_FACTOR + position, so matching documents and
# ranking need no read of the (wide) passage rows. Passages with a weight
# above 1 (titles, abstracts) go to a second column that bm25() boosts.
PASSAGE_KEY_FACTOR = 100_000
BOOSTED_WEIGHT = 2.5
_SQLITE_DOC = f"(f.rowid / {PASSAGE_KEY_FACTOR})"


def match_all_expression(groups: Sequence[Sequence[Leaf]]) -> str:
    """One engine expression matching a passage that matches every group."""
    joiner = " & " if vendor() == "postgresql" else " AND "
    return joiner.join(f"({match_expression(group)})" for group in groups)


def matching_documents_sql(expression: str) -> tuple[str, list[Any]]:
    """SELECT of the document ids having a passage that matches."""
    if vendor() == "postgresql":
        return (
            f"SELECT p.document_id FROM {PASSAGE_TABLE} p "
            "WHERE p.vector @@ to_tsquery('simple', %s)",
            [expression],
        )
    return (
        f"SELECT {_SQLITE_DOC} FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s",
        [expression],
    )


def scored_passages_sql(
    expression: str, condition: str, condition_params: list[Any]
) -> tuple[str, list[Any]]:
    """A SELECT of matching passages: (document_id, position, score).

    ``condition`` restricts them; it names the document id ``{doc}`` and the
    position ``{position}``. Higher scores are better on both engines:
    FTS5's bm25() is negative, so it is negated; PostgreSQL's ts_rank_cd is
    normalised by log(length) (flag 1) and multiplied by the passage weight.
    """
    if vendor() == "postgresql":
        condition = condition.format(doc="p.document_id", position="p.position")
        return (
            "SELECT p.document_id AS document_id, p.position AS position, "
            "ts_rank_cd(p.vector, to_tsquery('simple', %s), 1) * p.weight AS score "
            f"FROM {PASSAGE_TABLE} p WHERE p.vector @@ to_tsquery('simple', %s) "
            f"AND {condition}",
            [expression, expression, *condition_params],
        )
    condition = condition.format(
        doc=_SQLITE_DOC, position=f"(f.rowid %% {PASSAGE_KEY_FACTOR})"
    )
    # LIMIT -1 keeps SQLite from flattening the subquery into an aggregate or
    # window, where bm25() cannot run.
    return (
        f"SELECT {_SQLITE_DOC} AS document_id, "
        f"f.rowid %% {PASSAGE_KEY_FACTOR} AS position, "
        f"-bm25({FTS_TABLE}, 1.0, {BOOSTED_WEIGHT}) AS score "
        f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s AND {condition} LIMIT -1",
        [expression, *condition_params],
    )


_SQLITE_ROWS = (
    f"SELECT document_id * {PASSAGE_KEY_FACTOR} + position, "
    "CASE WHEN weight > 1 THEN '' ELSE tokens END, "
    "CASE WHEN weight > 1 THEN tokens ELSE '' END "
    f"FROM {PASSAGE_TABLE}"
)


def add_passages(cursor: Any, document_ids: Iterable[int]) -> None:
    """Index the passages of these documents (rows already inserted)."""
    ids = list(document_ids)
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    if vendor() == "postgresql":
        cursor.execute(
            f"UPDATE {PASSAGE_TABLE} SET vector = to_tsvector('simple', tokens) "
            f"WHERE document_id IN ({marks})",
            ids,
        )
    elif vendor() == "sqlite":
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) "
            f"{_SQLITE_ROWS} WHERE document_id IN ({marks})",
            ids,
        )


def remove_passages(cursor: Any, document_ids: Iterable[int]) -> None:
    """Drop the index entries of these documents' passages (rows still there)."""
    ids = list(document_ids)
    if not ids or vendor() != "sqlite":
        return  # the tsvector column goes away with its row
    marks = ", ".join(["%s"] * len(ids))
    # A contentless FTS5 table deletes a row given the values it indexed.
    cursor.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens, boosted) "
        f"SELECT 'delete', * FROM ({_SQLITE_ROWS} WHERE document_id IN ({marks}))",
        ids,
    )


def rebuild(cursor: Any) -> None:
    """Rebuild the engine's structures from the passage rows."""
    if vendor() == "postgresql":
        cursor.execute(
            f"UPDATE {PASSAGE_TABLE} SET vector = to_tsvector('simple', tokens)"
        )
    elif vendor() == "sqlite":
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) {_SQLITE_ROWS}"
        )


def optimise(cursor: Any) -> None:
    if vendor() == "postgresql":
        # Fresh statistics: with stale ones the planner misjudges how many
        # documents a filter keeps and scans passages document by document.
        for table in (
            "search_searchdocument",
            "search_searchfacetvalue",
            "search_searchdocumentorganisation",
            PASSAGE_TABLE,
        ):
            cursor.execute(f"ANALYZE {table}")
    elif vendor() == "sqlite":
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
