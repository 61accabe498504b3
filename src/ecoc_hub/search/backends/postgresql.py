"""PostgreSQL: the passage index is a generated ``tsvector`` column
``vector`` on ``search_searchpassage`` with a GIN index; the document index
is the table ``search_document_vector(document_id, vector, rank_vector)``
with a GIN index on ``vector``, filled in Python. Ranked by ``ts_rank``."""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from ..parser import Leaf
from .base import (
    DOCUMENT_VECTOR_TABLE,
    PASSAGE_TABLE,
    TF_CAP,
    SearchBackend,
    document_entries,
)

DOCUMENT_TABLE = "search_searchdocument"
# A PostgreSQL tsvector is at most 1 MB; entries are kept well below.
MAX_VECTOR_BYTES = 800_000
# Ranking reads a second, small vector per document: its title and abstract
# tokens and its RANK_TERMS most frequent body tokens. It stays in the table
# row (no TOAST read), where the full vector of a long document is tens of
# kilobytes that ts_rank would have to fetch and decompress for every
# matching document. Results with at most EXACT_RANK_LIMIT documents (two
# pages) are ranked from the full vector: each costs a TOAST read of up to a
# millisecond (60 documents: 29 ms against 2 ms at scale S).
RANK_TERMS = 48
EXACT_RANK_LIMIT = 20
# ts_rank weights {D, C, B, A}: boosted tokens (A) count BOOSTED_WEIGHT (2.5)
# times the others (D), as on SQLite. ts_rank has no IDF and its own
# saturation (the n-th occurrence adds 1/n²); with frequencies capped, no
# length normalisation is applied.
_WEIGHTS = "{0.4, 0.4, 0.4, 1.0}"


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(body: Counter[str], boosted: Counter[str]) -> str:
    """A tsvector whose positions only count occurrences (capped): a token
    seen n times gets positions 1..n, weight A for boosted occurrences.

    Should the entry be too big for PostgreSQL, counts are dropped to one
    position per token, then the least frequent body tokens go.
    """
    tokens = sorted(set(body) | set(boosted))

    def entries(cap: int) -> Iterator[str]:
        for token in tokens:
            high = min(boosted[token], cap)
            low = min(body[token], cap)
            positions = [f"{n}A" for n in range(1, high + 1)]
            positions += [str(n) for n in range(high + 1, high + low + 1)]
            yield f"{_lexeme(token)}:{','.join(positions)}"

    text = " ".join(entries(TF_CAP))
    if len(text.encode()) <= MAX_VECTOR_BYTES:
        return text
    text = " ".join(entries(1))
    if len(text.encode()) <= MAX_VECTOR_BYTES:
        return text
    total = body + boosted
    kept: list[str] = []
    size = 0
    # Title and abstract words first, then the most frequent.
    for token in sorted(total, key=lambda t: (not boosted[t], -total[t], t)):
        entry = f"{_lexeme(token)}:1{'A' if boosted[token] else ''}"
        size += len(entry.encode()) + 1
        if size > MAX_VECTOR_BYTES:
            break
        kept.append(entry)
    return " ".join(sorted(kept))


def rank_vector_literal(body: Counter[str], boosted: Counter[str]) -> str:
    """The small ranking vector: boosted tokens and the most frequent body
    tokens (ties by token), counts capped as in the full vector."""
    top = sorted(body.items(), key=lambda item: (-item[1], item[0]))[:RANK_TERMS]
    return tsvector_literal(Counter(dict(top)), boosted)


def _matched_ids(select: str, expression: str) -> tuple[str, list[Any]]:
    """Run a text match now, in a statement of its own, and hand the other
    statements its document ids as an array.

    Planned on its own it is a GIN index scan; as a sub-select of the search
    statements the planner sometimes re-ran it once per candidate document
    (65 times for one filtered query) and, for phrases, every candidate
    passage's vector would be read again in each statement.
    """
    from ecoc_hub.core import replicas

    from ..models import SearchDocument

    with replicas.read_connection(SearchDocument).cursor() as cursor:
        cursor.execute(select, [expression])
        ids = [row[0] for row in cursor.fetchall()]
    return "SELECT unnest(%s::bigint[])", [ids]


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    OR = " | "
    AND = " & "
    exact_rank_limit = EXACT_RANK_LIMIT

    def leaf_expression(self, leaf: Leaf) -> str:
        def phrase(alt: tuple[str, ...]) -> str:
            joined = " <-> ".join(f"'{token}'" for token in alt)
            return f"({joined})" if len(alt) > 1 else joined

        return " | ".join(phrase(alt) for alt in sorted(leaf.alternatives))

    def token(self, token: str) -> str:
        return f"'{token}'"

    def documents_matching(self, expression: str) -> tuple[str, list[Any]]:
        return _matched_ids(
            f"SELECT v.document_id FROM {DOCUMENT_VECTOR_TABLE} v "
            "WHERE v.vector @@ to_tsquery('simple', %s)",
            expression,
        )

    def passages_matching(self, expression: str) -> tuple[str, list[Any]]:
        return _matched_ids(
            f"SELECT DISTINCT p.document_id FROM {PASSAGE_TABLE} p "
            "WHERE p.vector @@ to_tsquery('simple', %s)",
            expression,
        )

    def ranked_documents_sql(
        self,
        leaves: Sequence[Leaf],
        documents_sql: str,
        documents_params: list[Any],
        *,
        exact: bool = True,
    ) -> tuple[str, list[Any]]:
        column = "vector" if exact else "rank_vector"
        return (
            "SELECT v.document_id AS document_id, "
            f"ts_rank('{_WEIGHTS}', v.{column}, to_tsquery('simple', %s)) "
            f"AS score FROM {DOCUMENT_VECTOR_TABLE} v "
            f"WHERE v.document_id IN ({documents_sql})",
            [self.rank_expression(leaves), *documents_params],
        )

    def walk_passages_sql(
        self,
        expressions: list[tuple[str, int]],
        document_ids: Sequence[int],
        per_document: int,
    ) -> tuple[str, list[Any]]:
        parts = [
            f"(SELECT p.position, {score} AS score FROM {PASSAGE_TABLE} p "
            "WHERE p.document_id = d.id AND p.position > 0 "
            "AND p.vector @@ to_tsquery('simple', %s) ORDER BY p.position LIMIT %s)"
            for _expression, score in expressions
        ]
        return (
            "SELECT d.id AS document_id, x.position, x.score "
            "FROM unnest(%s::bigint[]) AS d(id) CROSS JOIN LATERAL ("
            + " UNION ALL ".join(parts)
            + ") x",
            [
                [int(i) for i in document_ids],
                *(v for e, _ in expressions for v in (e, per_document)),
            ],
        )

    @contextmanager
    def planned_for_index(self, *, enabled: bool = True) -> Iterator[None]:
        """Statements run inside keep PostgreSQL on the GIN indexes.

        The planner does not count the TOAST reads of a sequential scan
        evaluating ``vector @@ query`` row by row: the heap of the document
        index looks a few pages long while its vectors are tens of megabytes,
        so it picks that scan (200 ms at 2,000 documents) over the index
        (1 ms). ``enable_seqscan`` is turned off for these statements only,
        in a transaction (a savepoint inside the caller's), and put back
        after. Without a text match (``enabled`` false) nothing is changed.
        """
        if not enabled:
            yield
            return
        nested = connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            yield
            # A transaction of our own ends here, and the setting with it; on
            # an error the savepoint's rollback undoes the setting by itself.
            if nested:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true)", [previous]
                )

    def lock_index_for_check(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {DOCUMENT_TABLE} IN EXCLUSIVE MODE")

    def add_passage_entries(self, cursor: Any, document_ids: list[int]) -> None:
        """Nothing to do: the passages' vector is a generated column."""

    def remove_entries(self, cursor: Any, document_ids: list[int]) -> None:
        # The passages' tsvector column goes away with their rows.
        marks = ", ".join(["%s"] * len(document_ids))
        cursor.execute(
            f"DELETE FROM {DOCUMENT_VECTOR_TABLE} WHERE document_id IN ({marks})",
            document_ids,
        )

    def clear(self, cursor: Any) -> None:
        # The passages' vectors are generated columns, always up to date.
        cursor.execute(f"DELETE FROM {DOCUMENT_VECTOR_TABLE}")

    def add_document_entries(self, cursor: Any, document_ids: Sequence[int]) -> None:
        cursor.executemany(
            f"INSERT INTO {DOCUMENT_VECTOR_TABLE} (document_id, vector, rank_vector) "
            "VALUES (%s, %s::tsvector, %s::tsvector) ON CONFLICT (document_id) "
            "DO UPDATE SET vector = EXCLUDED.vector, "
            "rank_vector = EXCLUDED.rank_vector",
            [
                (
                    d,
                    tsvector_literal(body, boosted),
                    rank_vector_literal(body, boosted),
                )
                for d, body, boosted in document_entries(cursor, document_ids)
            ],
        )

    def optimise(self, cursor: Any) -> None:
        # Fresh statistics: with stale ones the planner misjudges how many
        # documents a filter keeps and scans passages document by document.
        for table in (
            DOCUMENT_TABLE,
            "search_searchfacetvalue",
            "search_searchdocumentorganisation",
            PASSAGE_TABLE,
            DOCUMENT_VECTOR_TABLE,
        ):
            cursor.execute(f"ANALYZE {table}")
