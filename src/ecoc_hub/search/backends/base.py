"""What both engines share; the subclasses hold the few SQL strings that differ.

Everything else (analysis, parsing, filters, facets, snippets) is shared.
Tokens reaching these methods come from the analyzer (word characters
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

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..parser import Leaf

FTS_TABLE = "search_passage_fts"
PASSAGE_TABLE = "search_searchpassage"
DOCUMENT_FTS_TABLE = "search_document_fts"
DOCUMENT_VECTOR_TABLE = "search_document_vector"

# Occurrences of a token counted per document: BM25's term frequency
# saturates long before (k1 = 1.2), and the cap bounds an entry's size.
TF_CAP = 10
# SQLite: the FTS5 table is contentless and its rowid encodes the passage as
# document_id * PASSAGE_KEY_FACTOR + position; a document therefore has fewer
# than PASSAGE_KEY_FACTOR passages on both engines.
PASSAGE_KEY_FACTOR = 100_000
# Passages with a weight above 1 (titles, abstracts) count this many times
# the others when documents are ranked, on both engines.
BOOSTED_WEIGHT = 2.5


def is_phrase(leaf: Leaf) -> bool:
    """A leaf that needs token positions (several tokens in a row)."""
    return any(len(alternative) > 1 for alternative in leaf.alternatives)


def document_terms(
    rows: Iterable[tuple[float, str]],
) -> tuple[Counter[str], Counter[str]]:
    """Token counts of a document's passages: (body, boosted)."""
    body: Counter[str] = Counter()
    boosted: Counter[str] = Counter()
    for weight, tokens in rows:
        (boosted if weight > 1 else body).update(tokens.split())
    return body, boosted


def document_entries(
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
                yield current, *document_terms(rows)
            current, rows = document_id, []
        rows.append((weight, tokens))
    if current is not None:
        yield current, *document_terms(rows)


class SearchBackend(ABC):
    """One engine's SQL. ``ecoc_hub.search.backends.backend()`` picks the
    subclass for the database once; nothing else asks for the vendor."""

    vendor = ""
    # Operators of the engine's query syntax.
    OR = " OR "
    AND = " AND "
    # How many matching documents are ranked from their full entries; above
    # it an engine may rank from something cheaper (PostgreSQL does).
    exact_rank_limit = 0

    # -- Reading: engine query text --------------------------------------------

    @abstractmethod
    def leaf_expression(self, leaf: Leaf) -> str: ...

    @abstractmethod
    def token(self, token: str) -> str:
        """One quoted token of the engine's syntax."""
        ...

    def match_expression(self, leaves: Sequence[Leaf]) -> str:
        """One engine expression matching a passage that matches any leaf."""
        return self.OR.join(f"({self.leaf_expression(leaf)})" for leaf in leaves)

    def all_groups_expression(self, groups: Sequence[Sequence[Leaf]]) -> str:
        """One engine expression matching a passage holding every group."""
        return self.AND.join(f"({self.match_expression(g)})" for g in groups)

    def rank_expression(self, leaves: Sequence[Leaf]) -> str:
        """An expression matching any token of the leaves, for ranking documents.

        The document index has no positions, so a phrase counts by its words;
        which documents hold the phrase itself is decided by the passage index.
        """
        tokens = sorted({token for leaf in leaves for token in leaf.tokens})
        return self.OR.join(self.token(token) for token in tokens)

    # -- Reading: statements ----------------------------------------------------

    def matching_documents_sql(
        self, groups: Sequence[Sequence[Leaf]]
    ) -> list[tuple[str, list[Any]]]:
        """SELECTs of document ids whose intersection matches every group (a
        group: leaves OR-ed together).

        Groups of words are looked up together, in one expression, in the
        document index; a group holding a phrase needs the passage index, one
        SELECT per group since its leaves may be in different passages.
        """
        words = [g for g in groups if not any(is_phrase(leaf) for leaf in g)]
        phrases = [g for g in groups if any(is_phrase(leaf) for leaf in g)]
        selects: list[tuple[str, list[Any]]] = []
        if words:
            selects.append(self.documents_matching(self.all_groups_expression(words)))
        for group in phrases:
            selects.append(self.passages_matching(self.match_expression(group)))
        return selects

    @abstractmethod
    def documents_matching(self, expression: str) -> tuple[str, list[Any]]:
        """A SELECT of the ids of documents whose document-index entry
        matches ``expression``."""
        ...

    @abstractmethod
    def passages_matching(self, expression: str) -> tuple[str, list[Any]]:
        """A SELECT of the ids of documents with a passage matching
        ``expression`` (phrases)."""
        ...

    @abstractmethod
    def ranked_documents_sql(
        self,
        leaves: Sequence[Leaf],
        documents_sql: str,
        documents_params: list[Any],
        *,
        exact: bool = True,
    ) -> tuple[str, list[Any]]:
        """A SELECT of (document_id, score) for the documents of
        ``documents_sql`` holding a token of the leaves; higher scores are
        better on both engines. Without ``exact`` an engine may score from
        a cheaper structure."""
        ...

    def best_passages_sql(
        self,
        groups: Sequence[Sequence[Leaf]],
        document_ids: Sequence[int],
        per_document: int,
    ) -> tuple[str, list[Any]]:
        """A SELECT of (document_id, position, score): the passages to show
        under each hit, ``per_document`` at most, the title (position 0)
        excluded.

        Each document's first passages holding every group (score 1), then
        its first passages holding any (score 0), in page order. Each is a
        walk of the document's own key range that stops at ``per_document``
        matches: ranking passages by bm25() would make SQLite scan every
        passage of the index that holds a word (400,000 for the most common
        word at scale L) for its document frequency, and ts_rank_cd would make
        PostgreSQL read every matching passage of the hit documents.
        """
        any_expression = self.match_expression(
            [leaf for group in groups for leaf in group]
        )
        expressions = [(any_expression, 0)]
        if len(groups) > 1:
            expressions.insert(0, (self.all_groups_expression(groups), 1))
        return self.walk_passages_sql(expressions, document_ids, per_document)

    @abstractmethod
    def walk_passages_sql(
        self,
        expressions: list[tuple[str, int]],
        document_ids: Sequence[int],
        per_document: int,
    ) -> tuple[str, list[Any]]: ...

    @contextmanager
    def planned_for_index(self, *, enabled: bool = True) -> Iterator[None]:
        """Statements run inside use the engine's indexes (nothing to do
        unless an engine says otherwise)."""
        yield

    @abstractmethod
    def lock_index_for_check(self) -> None:
        """Inside the consistency check's transaction: hold writers to the
        index off until it ends (readers go on)."""

    # -- Writing ----------------------------------------------------------------

    def add_passages(self, cursor: Any, document_ids: Iterable[int]) -> None:
        """Index these documents' passages (rows already inserted) in both
        indexes."""
        ids = list(document_ids)
        if ids:
            self.add_passage_entries(cursor, ids)
            self.add_document_entries(cursor, ids)

    @abstractmethod
    def add_passage_entries(self, cursor: Any, document_ids: list[int]) -> None: ...

    def remove_passages(self, cursor: Any, document_ids: Iterable[int]) -> None:
        """Drop both indexes' entries for these documents (rows still there)."""
        ids = list(document_ids)
        if ids:
            self.remove_entries(cursor, ids)

    @abstractmethod
    def remove_entries(self, cursor: Any, document_ids: list[int]) -> None: ...

    def rebuild(self, cursor: Any) -> None:
        """Rebuild the engine's structures from the passage rows."""
        self.clear(cursor)
        self.add_all_document_entries(cursor)

    @abstractmethod
    def clear(self, cursor: Any) -> None:
        """Empty the document index and refill the passage index from the
        passage rows."""
        ...

    def add_all_document_entries(self, cursor: Any) -> None:
        """Document-index entries of every document with passages, 200 at a
        time (rebuilds and the migration that adds the document index)."""
        cursor.execute(f"SELECT DISTINCT document_id FROM {PASSAGE_TABLE}")
        ids = sorted(row[0] for row in cursor.fetchall())
        for start in range(0, len(ids), 200):
            self.add_document_entries(cursor, ids[start : start + 200])

    @abstractmethod
    def add_document_entries(self, cursor: Any, document_ids: Sequence[int]) -> None:
        """Document-index entries of these documents, from their passage rows."""
        ...

    @abstractmethod
    def optimise(self, cursor: Any) -> None: ...
