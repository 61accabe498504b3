"""What differs between SQLite FTS5 and PostgreSQL tsvector: a few SQL strings.

Everything else (analysis, parsing, filters, facets, snippets) is shared.
Tokens reaching these functions come from the analyzer (word characters
only) and are always quoted, so user input never becomes engine syntax.

Two indexes are kept in step (docs/decisions/0004-document-level-index.md):

- the **document index**, one entry per search document holding each of its
  distinct tokens with its frequency capped at ``TF_CAP`` (a "bag of
  words"): it answers which documents contain the query's words, and ranks
  them, touching one small entry per document instead of every passage;
- the **passage index**, one entry per passage with real positions: it
  answers phrases and picks the passages shown under each hit.
"""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from .parser import Leaf

FTS_TABLE = "search_passage_fts"
PASSAGE_TABLE = "search_searchpassage"
DOCUMENT_FTS_TABLE = "search_document_fts"
DOCUMENT_VECTOR_TABLE = "search_document_vector"

# Occurrences of a token counted per document: BM25's term frequency
# saturates long before (k1 = 1.2), and the cap bounds an entry's size.
TF_CAP = 10
# A PostgreSQL tsvector is at most 1 MB; entries are kept well below.
MAX_VECTOR_BYTES = 800_000
# PostgreSQL ranks from a second, small vector per document: its title and
# abstract tokens and its RANK_TERMS most frequent body tokens. It stays in
# the table row (no TOAST read), where the full vector of a long document is
# tens of kilobytes that ts_rank would have to fetch and decompress for every
# matching document. Results with at most EXACT_RANK_LIMIT documents (two
# pages) are ranked from the full vector: each costs a TOAST read of up to a
# millisecond (60 documents: 29 ms against 2 ms at scale S).
RANK_TERMS = 48
EXACT_RANK_LIMIT = 20

# SQLite: the FTS5 table is contentless and its rowid encodes the passage as
# document_id * PASSAGE_KEY_FACTOR + position, so matching documents and
# ranking need no read of the (wide) passage rows. Passages with a weight
# above 1 (titles, abstracts) go to a second column that bm25() boosts.
PASSAGE_KEY_FACTOR = 100_000
BOOSTED_WEIGHT = 2.5
_SQLITE_DOC = f"(f.rowid / {PASSAGE_KEY_FACTOR})"
# ts_rank weights {D, C, B, A}: boosted tokens (A) count BOOSTED_WEIGHT times
# the others (D), as on SQLite. ts_rank has no IDF and its own saturation
# (the n-th occurrence adds 1/n²); with frequencies capped, no length
# normalisation is applied.
_PG_WEIGHTS = "{0.4, 0.4, 0.4, 1.0}"


def vendor() -> str:
    return connection.vendor


def is_phrase(leaf: Leaf) -> bool:
    """A leaf that needs token positions (several tokens in a row)."""
    return any(len(alternative) > 1 for alternative in leaf.alternatives)


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


def rank_expression(leaves: Sequence[Leaf]) -> str:
    """An expression matching any token of the leaves, for ranking documents.

    The document index has no positions, so a phrase counts by its words;
    which documents hold the phrase itself is decided by the passage index.
    """
    tokens = sorted({token for leaf in leaves for token in leaf.tokens})
    if vendor() == "postgresql":
        return " | ".join(f"'{token}'" for token in tokens)
    return " OR ".join(f'"{token}"' for token in tokens)


def matching_documents_sql(
    groups: Sequence[Sequence[Leaf]],
) -> list[tuple[str, list[Any]]]:
    """SELECTs of document ids whose intersection matches every group (a
    group: leaves OR-ed together).

    Groups of words are looked up together, in one expression, in the
    document index; a group holding a phrase needs the passage index, one
    SELECT per group since its leaves may be in different passages.
    On PostgreSQL each match runs at once (``_matched_ids``).
    """
    words = [g for g in groups if not any(is_phrase(leaf) for leaf in g)]
    phrases = [g for g in groups if any(is_phrase(leaf) for leaf in g)]
    selects: list[tuple[str, list[Any]]] = []
    postgresql = vendor() == "postgresql"
    if words:
        joiner = " & " if postgresql else " AND "
        expression = joiner.join(f"({match_expression(g)})" for g in words)
        if postgresql:
            selects.append(
                _matched_ids(
                    f"SELECT v.document_id FROM {DOCUMENT_VECTOR_TABLE} v "
                    "WHERE v.vector @@ to_tsquery('simple', %s)",
                    expression,
                )
            )
        else:
            selects.append(
                (
                    f"SELECT rowid FROM {DOCUMENT_FTS_TABLE} "
                    f"WHERE {DOCUMENT_FTS_TABLE} MATCH %s",
                    [expression],
                )
            )
    for group in phrases:
        expression = match_expression(group)
        if postgresql:
            selects.append(
                _matched_ids(
                    f"SELECT DISTINCT p.document_id FROM {PASSAGE_TABLE} p "
                    "WHERE p.vector @@ to_tsquery('simple', %s)",
                    expression,
                )
            )
        else:
            selects.append(
                (
                    f"SELECT {_SQLITE_DOC} FROM {FTS_TABLE} f "
                    f"WHERE {FTS_TABLE} MATCH %s",
                    [expression],
                )
            )
    return selects


def _matched_ids(select: str, expression: str) -> tuple[str, list[Any]]:
    """PostgreSQL: run a text match now, in a statement of its own, and hand
    the other statements its document ids as an array.

    Planned on its own it is a GIN index scan; as a sub-select of the search
    statements the planner sometimes re-ran it once per candidate document
    (65 times for one filtered query) and, for phrases, every candidate
    passage's vector would be read again in each statement.
    """
    with connection.cursor() as cursor:
        cursor.execute(select, [expression])
        ids = [row[0] for row in cursor.fetchall()]
    return "SELECT unnest(%s::bigint[])", [ids]


def ranked_documents_sql(
    leaves: Sequence[Leaf],
    documents_sql: str,
    documents_params: list[Any],
    *,
    exact: bool = True,
) -> tuple[str, list[Any]]:
    """A SELECT of (document_id, score) for the documents of ``documents_sql``
    holding a token of the leaves; higher scores are better on both engines
    (FTS5's bm25() is negative, so it is negated). With ``exact`` false,
    PostgreSQL scores from the documents' small ranking vectors."""
    expression = rank_expression(leaves)
    if vendor() == "postgresql":
        column = "vector" if exact else "rank_vector"
        return (
            "SELECT v.document_id AS document_id, "
            f"ts_rank('{_PG_WEIGHTS}', v.{column}, to_tsquery('simple', %s)) "
            f"AS score FROM {DOCUMENT_VECTOR_TABLE} v "
            f"WHERE v.document_id IN ({documents_sql})",
            [expression, *documents_params],
        )
    return (
        f"SELECT f.rowid AS document_id, "
        f"-bm25({DOCUMENT_FTS_TABLE}, 1.0, {BOOSTED_WEIGHT}) AS score "
        f"FROM {DOCUMENT_FTS_TABLE} f WHERE {DOCUMENT_FTS_TABLE} MATCH %s "
        # The unary + keeps SQLite from running one FTS5 lookup per document
        # of the IN list (50 ms instead of 2 ms for 600 documents).
        f"AND +f.rowid IN ({documents_sql})",
        [expression, *documents_params],
    )


@contextmanager
def planned_for_index(*, enabled: bool = True) -> Iterator[None]:
    """Statements run inside keep PostgreSQL on the GIN indexes.

    The planner does not count the TOAST reads of a sequential scan
    evaluating ``vector @@ query`` row by row: the heap of the document index
    looks a few pages long while its vectors are tens of megabytes, so it
    picks that scan (200 ms at 2,000 documents) over the index (1 ms).
    ``enable_seqscan`` is turned off for these statements only, in a
    transaction (a savepoint inside the caller's), and put back after.
    Without a text match (``enabled`` false) nothing is changed.
    """
    if not enabled or vendor() != "postgresql":
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
        # A transaction of our own ends here, and the setting with it; on an
        # error the savepoint's rollback undoes the setting by itself.
        if nested:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def best_passages_sql(
    groups: Sequence[Sequence[Leaf]],
    document_ids: Sequence[int],
    per_document: int,
) -> tuple[str, list[Any]]:
    """A SELECT of (document_id, position, score): the passages to show under
    each hit, ``per_document`` at most, the title (position 0) excluded.

    Each document's first passages holding every group (score 1), then its
    first passages holding any (score 0), in page order. Each is a walk of
    the document's own key range that stops at ``per_document`` matches:
    ranking passages by bm25() would make SQLite scan every passage of the
    index that holds a word (400,000 for the most common word at scale L) for
    its document frequency, and ts_rank_cd would make PostgreSQL read every
    matching passage of the hit documents.
    """
    any_expression = match_expression([leaf for group in groups for leaf in group])
    expressions = [(any_expression, 0)]
    if len(groups) > 1:
        joiner = " & " if vendor() == "postgresql" else " AND "
        all_expression = joiner.join(f"({match_expression(g)})" for g in groups)
        expressions.insert(0, (all_expression, 1))
    if vendor() == "postgresql":
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
    parts = []
    params: list[Any] = []
    for document_id in document_ids:
        start = int(document_id) * PASSAGE_KEY_FACTOR
        for expression, score in expressions:
            parts.append(
                f"SELECT * FROM (SELECT {_SQLITE_DOC} AS document_id, "
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


# -- Writing -----------------------------------------------------------------

_SQLITE_ROWS = (
    f"SELECT document_id * {PASSAGE_KEY_FACTOR} + position, "
    "CASE WHEN weight > 1 THEN '' ELSE tokens END, "
    "CASE WHEN weight > 1 THEN tokens ELSE '' END "
    f"FROM {PASSAGE_TABLE}"
)


def _document_terms(
    rows: Iterable[tuple[float, str]],
) -> tuple[Counter[str], Counter[str]]:
    """Token counts of a document's passages: (body, boosted)."""
    body: Counter[str] = Counter()
    boosted: Counter[str] = Counter()
    for weight, tokens in rows:
        (boosted if weight > 1 else body).update(tokens.split())
    return body, boosted


def _bag(counts: Counter[str]) -> str:
    """FTS5 text of a bag of words: each token repeated (capped), sorted, so
    the same counts always give the same text (a contentless table deletes
    an entry given the text it indexed)."""
    return " ".join(
        " ".join([token] * min(count, TF_CAP))
        for token, count in sorted(counts.items())
    )


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


def _document_entries(
    cursor: Any, document_ids: Sequence[int]
) -> Iterator[tuple[int, Counter[str], Counter[str]]]:
    """Each document's token counts, read back from its passage rows."""
    marks = ", ".join(["%s"] * len(document_ids))
    cursor.execute(
        f"SELECT document_id, weight, tokens FROM {PASSAGE_TABLE} "
        f"WHERE document_id IN ({marks}) ORDER BY document_id, position",
        list(document_ids),
    )
    current: int | None = None
    rows: list[tuple[float, str]] = []
    for document_id, weight, tokens in cursor.fetchall():
        if document_id != current:
            if current is not None:
                yield current, *_document_terms(rows)
            current, rows = document_id, []
        rows.append((weight, tokens))
    if current is not None:
        yield current, *_document_terms(rows)


def add_passages(cursor: Any, document_ids: Iterable[int]) -> None:
    """Index these documents' passages (rows already inserted) in both indexes."""
    ids = list(document_ids)
    if not ids:
        return
    # PostgreSQL: the passages' vector is a generated column.
    if vendor() == "sqlite":
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) "
            f"{_SQLITE_ROWS} WHERE document_id IN ({marks})",
            ids,
        )
    add_document_entries(cursor, ids)


def remove_passages(cursor: Any, document_ids: Iterable[int]) -> None:
    """Drop both indexes' entries for these documents (rows still there)."""
    ids = list(document_ids)
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    if vendor() == "postgresql":
        # The passages' tsvector column goes away with their rows.
        cursor.execute(
            f"DELETE FROM {DOCUMENT_VECTOR_TABLE} WHERE document_id IN ({marks})", ids
        )
        return
    if vendor() != "sqlite":
        return
    # A contentless FTS5 table deletes an entry given the values it indexed.
    cursor.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens, boosted) "
        f"SELECT 'delete', * FROM ({_SQLITE_ROWS} WHERE document_id IN ({marks}))",
        ids,
    )
    cursor.executemany(
        f"INSERT INTO {DOCUMENT_FTS_TABLE}({DOCUMENT_FTS_TABLE}, rowid, tokens, "
        "boosted) VALUES ('delete', %s, %s, %s)",
        [
            (document_id, _bag(body), _bag(boosted))
            for document_id, body, boosted in _document_entries(cursor, ids)
        ],
    )


def rebuild(cursor: Any) -> None:
    """Rebuild the engines' structures from the passage rows."""
    if vendor() == "postgresql":
        # The passages' vectors are generated columns, always up to date.
        cursor.execute(f"DELETE FROM {DOCUMENT_VECTOR_TABLE}")
    elif vendor() == "sqlite":
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, tokens, boosted) {_SQLITE_ROWS}"
        )
        cursor.execute(
            f"INSERT INTO {DOCUMENT_FTS_TABLE}({DOCUMENT_FTS_TABLE}) "
            "VALUES ('delete-all')"
        )
    else:
        return
    add_all_document_entries(cursor)


def add_all_document_entries(cursor: Any) -> None:
    """Document-index entries of every document with passages, 200 at a time
    (rebuilds and the migration that adds the document index)."""
    cursor.execute(f"SELECT DISTINCT document_id FROM {PASSAGE_TABLE}")
    ids = sorted(row[0] for row in cursor.fetchall())
    for start in range(0, len(ids), 200):
        add_document_entries(cursor, ids[start : start + 200])


def add_document_entries(cursor: Any, document_ids: Sequence[int]) -> None:
    """Document-index entries of these documents, from their passage rows."""
    entries = list(_document_entries(cursor, document_ids))
    if vendor() == "postgresql":
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
                for d, body, boosted in entries
            ],
        )
    elif vendor() == "sqlite":
        cursor.executemany(
            f"INSERT INTO {DOCUMENT_FTS_TABLE}(rowid, tokens, boosted) "
            "VALUES (%s, %s, %s)",
            [(d, _bag(body), _bag(boosted)) for d, body, boosted in entries],
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
            DOCUMENT_VECTOR_TABLE,
        ):
            cursor.execute(f"ANALYZE {table}")
    elif vendor() == "sqlite":
        for table in (FTS_TABLE, DOCUMENT_FTS_TABLE):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
