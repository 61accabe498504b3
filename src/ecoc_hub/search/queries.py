"""Reads of the search index: ``search`` and ``suggest_titles``.

Access rules, facet filters and the text match are all conditions of one SQL
``WHERE`` over search documents (``conditions.Where``), so counts, facets
and hits are computed over exactly the set the user may see.
"""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import OuterRef, Subquery

from . import analysis, registry
from .backends import PASSAGE_TABLE, SearchBackend, backend
from .conditions import (
    DOC,
    Where,
    access_condition,
    clean_filters,
    facet_counts,
    fetch,
    marks,
)
from .models import SearchDocument, SearchFacetValue
from .params import FACETS, MAX_PER_PAGE, SORTS
from .parser import ParsedQuery, parse
from .results import (
    FacetCount,
    FacetGroup,
    Hit,
    HitPassage,
    SearchResults,
    Suggestion,
)
from .snippets import make_snippet

__all__ = [
    "DEFAULT_FACETS",
    "MAX_PER_PAGE",
    "FacetCount",
    "FacetGroup",
    "Hit",
    "HitPassage",
    "SearchResults",
    "Suggestion",
    "search",
    "suggest_titles",
]

DEFAULT_FACETS = [*FACETS, "access"]
PASSAGES_PER_HIT = 3


def _ranked_ids(
    engine: SearchBackend,
    parsed: ParsedQuery,
    sql: str,
    params: list[Any],
    offset: int,
    limit: int,
    *,
    exact: bool,
) -> list[tuple[int, float]]:
    """Relevance: the documents' BM25 (SQLite) or ts_rank (PostgreSQL) score
    in the document index, over every query word, titles and abstracts
    boosted. Not ``exact``: PostgreSQL scores from the small ranking vectors
    (a document's title, abstract and most frequent words)."""
    ranked, ranked_params = engine.ranked_documents_sql(
        parsed.positive_leaves,
        f"SELECT d.id FROM {DOC} d WHERE {sql}",
        params,
        exact=exact,
    )
    return [
        (int(doc_id), float(score))
        for doc_id, score in fetch(
            f"SELECT r.document_id, r.score FROM ({ranked}) r "
            "ORDER BY r.score DESC, r.document_id LIMIT %s OFFSET %s",
            [*ranked_params, limit, offset],
        )
    ]


def _page_ids(
    engine: SearchBackend,
    where: Where,
    sort: str,
    offset: int,
    limit: int,
    total: int,
) -> list[tuple[int, float]]:
    sql, params = where.sql()
    if sort == "relevance" and where.parsed.has_terms:
        exact = total <= engine.exact_rank_limit
        return _ranked_ids(
            engine, where.parsed, sql, params, offset, limit, exact=exact
        )
    order = {
        "newest": "d.published DESC NULLS LAST, d.id DESC",
        "title": "d.title_sort, d.id",
        "popular": "d.popularity DESC, d.id DESC",
        "relevance": "d.published DESC NULLS LAST, d.id DESC",
    }[sort]
    return [
        (int(row[0]), 0.0)
        for row in fetch(
            f"SELECT d.id FROM {DOC} d WHERE {sql} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
    ]


def _best_passages(
    engine: SearchBackend, parsed: ParsedQuery, document_ids: list[int]
) -> dict[int, list[HitPassage]]:
    if not parsed.has_terms or not document_ids:
        return {}
    best, params = engine.best_passages_sql(
        parsed.groups, document_ids, PASSAGES_PER_HIT
    )
    rows = fetch(
        "SELECT b.document_id, b.position, b.score, pp.text, pp.language, "
        f"pp.locator, pp.label, pp.target_url FROM ({best}) b "
        f"JOIN {PASSAGE_TABLE} pp ON pp.document_id = b.document_id "
        "AND pp.position = b.position "
        "ORDER BY b.document_id, b.score DESC, b.position",
        params,
    )
    tokens = parsed.highlight_tokens
    passages: dict[int, list[HitPassage]] = {}
    seen: set[tuple[int, int]] = set()
    for doc_id, position, score, text, language, locator, label, target_url in rows:
        shown = passages.setdefault(int(doc_id), [])
        # A passage may come twice (holding every word, and any word).
        if len(shown) == PASSAGES_PER_HIT or (doc_id, position) in seen:
            continue
        seen.add((doc_id, position))
        shown.append(
            HitPassage(
                snippet_html=make_snippet(text, language, tokens),
                locator=locator,
                label=registry.locator_label(locator, label),
                target_url=target_url,
                score=float(score),
            )
        )
    return passages


# A document's "type" facet value, read with the document (no query per hit).
_type_value = Subquery(
    SearchFacetValue.objects.filter(document=OuterRef("pk"), facet="type")
    .order_by("value")
    .values("value")[:1]
)


def search(
    query: str | None = "",
    *,
    user: Any,
    kinds: Sequence[str] | None = None,
    filters: Mapping[str, Iterable[str]] | None = None,
    year_range: tuple[int | None, int | None] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    facet_names: Sequence[str] | None = None,
    facet_limit: int | None = None,
) -> SearchResults:
    """Documents matching ``query`` that ``user`` may see, with facets.

    An empty query lists every visible document (newest first unless another
    sort is asked for), so the same call serves browsing pages.
    ``facet_limit`` keeps the most frequent values of each facet (and the
    selected ones).
    """
    query = query or ""
    parsed = parse(query)
    sort = sort if sort in SORTS else "relevance"
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    facet_names = list(DEFAULT_FACETS if facet_names is None else facet_names)
    engine = backend()
    with engine.planned_for_index(enabled=not parsed.is_empty):
        where = Where(
            engine=engine,
            parsed=parsed,
            user=user,
            kinds=kinds,
            filters=clean_filters(filters),
            year_range=year_range,
        )
        total, facets = facet_counts(where, facet_names, facet_limit)
        num_pages = max(1, math.ceil(total / per_page))
        page = max(1, min(int(page), num_pages))
        offset = (page - 1) * per_page
        ranked = (
            _page_ids(engine, where, sort, offset, per_page, total) if total else []
        )
        ids = [doc_id for doc_id, _ in ranked]
        documents = (
            SearchDocument.objects.annotate(type_value=_type_value).in_bulk(ids)
            if ids
            else {}
        )
        passages = _best_passages(engine, parsed, ids)
    hits = [
        Hit(
            kind=doc.kind,
            object_id=doc.object_id,
            title=doc.title,
            url=doc.url,
            summary=doc.summary,
            score=score,
            language=doc.language,
            access=doc.access,
            published=doc.published,
            passages=passages.get(doc_id, []),
            type=doc.type_value or "",
        )
        for doc_id, score in ranked
        if (doc := documents.get(doc_id)) is not None
    ]
    return SearchResults(
        query=query,
        total=total,
        hits=hits,
        facets=facets,
        page=page,
        num_pages=num_pages,
        per_page=per_page,
        sort=sort,
    )


def suggest_titles(
    prefix: str, *, user: Any, limit: int = 8, kinds: Sequence[str] | None = None
) -> list[Suggestion]:
    """Titles of visible documents with a word starting with ``prefix``."""
    folded = " ".join(analysis.words(prefix[:100]))
    if len(folded) < 2:
        return []
    conditions = ["(d.title_sort LIKE %s OR d.title_sort LIKE %s)"]
    params: list[Any] = [f"{folded}%", f"% {folded}%"]
    access_sql, access_params = access_condition(user)
    if access_sql:
        conditions.append(access_sql)
        params.extend(access_params)
    if kinds:
        conditions.append(f"d.kind IN ({marks(list(kinds))})")
        params.extend(kinds)
    rows = fetch(
        f"SELECT d.title, d.url, d.kind FROM {DOC} d WHERE {' AND '.join(conditions)} "
        "ORDER BY CASE WHEN d.title_sort LIKE %s THEN 0 ELSE 1 END, "
        "d.popularity DESC, d.title_sort LIMIT %s",
        [*params, f"{folded}%", max(1, min(int(limit), 20))],
    )
    return [Suggestion(title=t, url=u, kind=k) for t, u, k in rows]


def capacity_area_counts(*, user: Any) -> dict[str, int]:
    """How many things on the hub (of every kind in the index) ``user`` may
    see under each capacity area, by area code: one facet count. The
    directory's pages ask for it through ``cities.related.area_counts``."""
    results = search("", user=user, per_page=1, facet_names=["capacity_area"])
    return {value.value: value.count for value in results.facets["capacity_area"]}
