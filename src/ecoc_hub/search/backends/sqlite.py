"""SQLite FTS5: two contentless tables, ``search_passage_fts`` (the passage
index, rowid = document_id * PASSAGE_KEY_FACTOR + position) and
``search_document_fts`` (the document index, rowid = document id), each with
a ``tokens`` and a ``boosted`` column, ranked by ``bm25()``."""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..parser import Leaf
from .base import (
    BOOSTED_WEIGHT,
    DOCUMENT_FTS_TABLE,
    FTS_TABLE,
    PASSAGE_KEY_FACTOR,
    PASSAGE_TABLE,
    TF_CAP,
    SearchBackend,
    document_entries,
)

# The document of a passage-index row: ranking and matching documents need
# no read of the (wide) passage rows.
_DOC = f"(f.rowid / {PASSAGE_KEY_FACTOR})"
_ROWS = (
    f"SELECT document_id * {PASSAGE_KEY_FACTOR} + position, "
    "CASE WHEN weight > 1 THEN '' ELSE tokens END, "
    "CASE WHEN weight > 1 THEN tokens ELSE '' END "
    f"FROM {PASSAGE_TABLE}"
)


def bag(counts: Counter[str]) -> str:
    """FTS5 text of a bag of words: each token repeated (capped), sorted, so
    the same counts always give the same text (a contentless table deletes
    an entry given the text it indexed)."""
    return " ".join(
        " ".join([token] * min(count, TF_CAP))
        for token, count in sorted(counts.items())
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    OR = " OR "
    AND = " AND "

    def leaf_expression(self, leaf: Leaf) -> str:
        return " OR ".join(
            '"' + " ".join(alt) + '"' for alt in sorted(leaf.alternatives)
        )

    def token(self, token: str) -> str:
        return f'"{token}"'

    def documents_matching(self, expression: str) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid FROM {DOCUMENT_FTS_TABLE} WHERE {DOCUMENT_FTS_TABLE} "
            "MATCH %s",
            [expression],
        )

    def passages_matching(self, expression: str) -> tuple[str, list[Any]]:
        return (
            f"SELECT {_DOC} FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s",
            [expression],
        )

    def ranked_documents_sql(
        self,
        leaves: Sequence[Leaf],
        documents_sql: str,
        documents_params: list[Any],
        *,
        exact: bool = True,
    ) -> tuple[str, list[Any]]:
        # FTS5's bm25() is negative (lower is better), so it is negated.
        return (
            f"SELECT f.rowid AS document_id, "
            f"-bm25({DOCUMENT_FTS_TABLE}, 1.0, {BOOSTED_WEIGHT}) AS score "
            f"FROM {DOCUMENT_FTS_TABLE} f WHERE {DOCUMENT_FTS_TABLE} MATCH %s "
            # The unary + keeps SQLite from running one FTS5 lookup per
            # document of the IN list (50 ms instead of 2 ms for 600 documents).
            f"AND +f.rowid IN ({documents_sql})",
            [self.rank_expression(leaves), *documents_params],
        )

    def walk_passages_sql(
        self,
        expressions: list[tuple[str, int]],
        document_ids: Sequence[int],
        per_document: int,
    ) -> tuple[str, list[Any]]:
        parts = []
        params: list[Any] = []
        for document_id in document_ids:
            start = int(document_id) * PASSAGE_KEY_FACTOR
            for expression, score in expressions:
                parts.append(
                    f"SELECT * FROM (SELECT {_DOC} AS document_id, "
                    f"f.rowid %% {PASSAGE_KEY_FACTOR} AS position, {score} AS score "
                    f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s "
                    "AND f.rowid BETWEEN %s AND %s ORDER BY f.rowid LIMIT %s)"
                )
                params += [
                    expression,
                    start + 1,
                    start + PASSAGE_KEY_FACTOR - 1,
                    per_document,
                ]
        return " UNION ALL ".join(parts), params

    def lock_index_for_check(self) -> None:
        """Nothing to do: the transaction is IMMEDIATE, which already holds
        the write lock."""

    def add_passage_entries(self, cursor: Any, document_ids: list[int]) -> None:
        marks = ", ".join(["%s"] * len(document_ids))
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) "
            f"{_ROWS} WHERE document_id IN ({marks})",
            document_ids,
        )

    def remove_entries(self, cursor: Any, document_ids: list[int]) -> None:
        # A contentless FTS5 table deletes an entry given the values it indexed.
        marks = ", ".join(["%s"] * len(document_ids))
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens, boosted) "
            f"SELECT 'delete', * FROM ({_ROWS} WHERE document_id IN ({marks}))",
            document_ids,
        )
        cursor.executemany(
            f"INSERT INTO {DOCUMENT_FTS_TABLE}({DOCUMENT_FTS_TABLE}, rowid, tokens, "
            "boosted) VALUES ('delete', %s, %s, %s)",
            [
                (document_id, bag(body), bag(boosted))
                for document_id, body, boosted in document_entries(cursor, document_ids)
            ],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) {_ROWS}")
        cursor.execute(
            f"INSERT INTO {DOCUMENT_FTS_TABLE}({DOCUMENT_FTS_TABLE}) "
            "VALUES ('delete-all')"
        )

    def add_document_entries(self, cursor: Any, document_ids: Sequence[int]) -> None:
        cursor.executemany(
            f"INSERT INTO {DOCUMENT_FTS_TABLE}(rowid, tokens, boosted) "
            "VALUES (%s, %s, %s)",
            [
                (d, bag(body), bag(boosted))
                for d, body, boosted in document_entries(cursor, document_ids)
            ],
        )

    def optimise(self, cursor: Any) -> None:
        for table in (FTS_TABLE, DOCUMENT_FTS_TABLE):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
