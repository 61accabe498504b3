"""Reads of the search index: ``search`` and ``suggest_titles``.

Access rules, facet filters and the text match are all conditions of one SQL
``WHERE`` over search documents, so counts, facets and hits are computed over
exactly the set the user may see.
"""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils.safestring import SafeString

from ecoc_hub.accounts.models import Membership
from ecoc_hub.accounts.permissions import is_curator, is_member

from . import analysis, backends, registry
from .models import Access, SearchDocument, SearchDocumentOrganisation, SearchFacetValue
from .parser import ParsedQuery, parse
from .snippets import make_snippet

DEFAULT_FACETS = [
    "type",
    "capacity_area",
    "city",
    "country",
    "year",
    "language",
    "licence",
    "access",
]
SORTS = ("relevance", "newest", "title", "popular")
MAX_PER_PAGE = 100
PASSAGES_PER_HIT = 3
MAX_FILTER_VALUES = 50

DOC = SearchDocument._meta.db_table
FACET = SearchFacetValue._meta.db_table
DOC_ORG = SearchDocumentOrganisation._meta.db_table
MEMBERSHIP = Membership._meta.db_table


@dataclass(frozen=True)
class HitPassage:
    snippet_html: SafeString
    locator: str
    label: str
    target_url: str
    score: float = 0.0


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    summary: str
    score: float
    language: str = ""
    access: str = "public"
    published: datetime | None = None
    passages: list[HitPassage] = field(default_factory=list)
    type: str = ""

    @property
    def kind_label(self) -> str:
        return registry.kind_label(self.kind)

    @property
    def type_label(self) -> str:
        """What the hit is for a reader ("Guide", "Podcast episode"): its
        "type" facet value's name, else the name of its kind."""
        if self.type:
            label = registry.facet_value_labels("type", [self.type]).get(self.type)
            if label:
                return label
        return self.kind_label

    @property
    def access_label(self) -> str:
        return str(dict(Access.choices).get(self.access, self.access))


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool
    label: str = ""


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    values: list[FacetCount]

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    page: int
    num_pages: int
    per_page: int
    sort: str

    @property
    def facet_groups(self) -> list[FacetGroup]:
        """Facets in order with their labels, for templates."""
        return [
            FacetGroup(name, registry.facet_label(name), values)
            for name, values in self.facets.items()
        ]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page(self) -> int:
        return max(1, self.page - 1)

    @property
    def next_page(self) -> int:
        return min(self.num_pages, self.page + 1)

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    kind: str


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _access_condition(user: Any) -> tuple[str, list[Any]]:
    if is_curator(user):
        return "", []
    if not is_member(user):
        return "d.access = 'public'", []
    return (
        "(d.access IN ('public', 'members') OR (d.access = 'restricted' AND d.id IN "
        f"(SELECT o.document_id FROM {DOC_ORG} o JOIN {MEMBERSHIP} m "
        "ON m.organisation_id = o.organisation_id WHERE m.user_id = %s)))",
        [user.pk],
    )


def _clean_filters(filters: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for facet, values in (filters or {}).items():
        if isinstance(values, str):
            values = [values]
        # NUL cannot reach PostgreSQL text; such a value matches nothing anyway.
        kept = sorted({str(v)[:200] for v in values if str(v) and "\x00" not in str(v)})
        kept = kept[:MAX_FILTER_VALUES]
        if kept and facet and "\x00" not in str(facet):
            cleaned[str(facet)[:40]] = kept
    return cleaned


class _Where:
    """The WHERE over search documents ``d`` for one search."""

    def __init__(
        self,
        *,
        parsed: ParsedQuery,
        user: Any,
        kinds: Sequence[str] | None,
        filters: dict[str, list[str]],
        year_range: tuple[int | None, int | None] | None,
    ) -> None:
        self.parsed = parsed
        self.filters = filters
        self.base: list[tuple[str, list[Any]]] = []
        access = _access_condition(user)
        if access[0]:
            self.base.append(access)
        if kinds is not None:
            kinds = list(kinds)
            self.base.append(
                (f"d.kind IN ({_marks(kinds)})", list(kinds))
                if kinds
                else ("1 = 0", [])
            )
        if year_range:
            low, high = year_range
            if low is not None:
                self.base.append(("d.year >= %s", [int(low)]))
            if high is not None:
                self.base.append(("d.year <= %s", [int(high)]))
        for sql, params in backends.matching_documents_sql(parsed.groups):
            self.base.append((f"d.id IN ({sql})", params))
        if parsed.excluded:
            for sql, params in backends.matching_documents_sql([parsed.excluded]):
                self.base.append((f"d.id NOT IN ({sql})", params))

    def sql(self) -> tuple[str, list[Any]]:
        """Every condition."""
        return _joined([*self.base, *self._facet_parts()])

    def base_sql(self) -> tuple[str, list[Any]]:
        """The conditions other than facet selections."""
        return _joined(self.base)

    def facet_sql(self, *, except_facet: str | None = None) -> tuple[str, list[Any]]:
        """The facet selections only, leaving out ``except_facet``'s."""
        return _joined(self._facet_parts(except_facet))

    def _facet_parts(
        self, except_facet: str | None = None
    ) -> list[tuple[str, list[Any]]]:
        parts: list[tuple[str, list[Any]]] = []
        for facet, values in self.filters.items():
            if facet == except_facet:
                continue
            if facet == "kind":
                parts.append((f"d.kind IN ({_marks(values)})", list(values)))
                continue
            parts.append(
                (
                    f"d.id IN (SELECT fv.document_id FROM {FACET} fv "
                    f"WHERE fv.facet = %s AND fv.value IN ({_marks(values)}))",
                    [facet, *values],
                )
            )
        return parts


def _joined(parts: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    if not parts:
        return "1 = 1", []
    return " AND ".join(f"({p[0]})" for p in parts), [x for p in parts for x in p[1]]


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _facet_counts(
    where: _Where, facet_names: Sequence[str], limit: int | None = None
) -> tuple[int, dict[str, list[FacetCount]]]:
    """The total and the facet counts, in one statement.

    The documents passing the text match, access rule, kinds and years are
    materialised once (``base``), and those also passing the facet
    selections (``matching``) for the total and the facets without a
    selection; a facet with a selection is counted over ``base`` as if its
    own selection were not made, so ticking a second value (OR) shows what it
    would add, and the text match is never evaluated twice.
    """
    text_sql, text_params = where.base_sql()
    selected_sql, selected_params = where.facet_sql()
    unselected = [f for f in facet_names if f not in where.filters and f != "kind"]
    parts: list[tuple[str, list[Any]]] = [
        ("SELECT '#total', '', COUNT(*) FROM matching", [])
    ]
    if unselected:
        parts.append(
            (
                # Matching documents drive the join: facet values are read
                # through the (document, facet, value) index for those only.
                # CROSS JOIN fixes that order on SQLite, which otherwise scans
                # every value of the facets and probes the matching set.
                f"SELECT fv.facet, fv.value, COUNT(*) FROM matching m "
                f"CROSS JOIN {FACET} fv WHERE fv.document_id = m.id "
                f"AND fv.facet IN ({_marks(unselected)}) GROUP BY fv.facet, fv.value",
                list(unselected),
            )
        )
    for facet in facet_names:
        if facet == "kind" and facet not in where.filters:
            parts.append(
                ("SELECT 'kind', m.kind, COUNT(*) FROM matching m GROUP BY m.kind", [])
            )
            continue
        if facet not in where.filters:
            continue
        own_sql, own_params = where.facet_sql(except_facet=facet)
        if facet == "kind":
            parts.append(
                (
                    f"SELECT 'kind', d.kind, COUNT(*) FROM base d WHERE {own_sql} "
                    "GROUP BY d.kind",
                    own_params,
                )
            )
        else:
            parts.append(
                (
                    f"SELECT fv.facet, fv.value, COUNT(*) FROM "
                    f"(SELECT d.id FROM base d WHERE {own_sql}) m "
                    f"CROSS JOIN {FACET} fv WHERE fv.document_id = m.id "
                    "AND fv.facet = %s GROUP BY fv.facet, fv.value",
                    [*own_params, facet],
                )
            )
    rows = _fetch(
        f"WITH base AS MATERIALIZED (SELECT d.id, d.kind FROM {DOC} d "
        f"WHERE {text_sql}), "
        f"matching AS MATERIALIZED (SELECT d.id, d.kind FROM base d "
        f"WHERE {selected_sql}) "
        + " UNION ALL ".join(
            f"SELECT * FROM ({p[0]}) AS part{i}" for i, p in enumerate(parts)
        ),
        [*text_params, *selected_params, *(x for p in parts for x in p[1])],
    )
    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in facet_names}
    for facet, value, count in rows:
        if facet == "#total":
            total = int(count)
        else:
            counts[facet][value] = int(count)
    result: dict[str, list[FacetCount]] = {}
    for name in facet_names:
        selected = set(where.filters.get(name, []))
        values = counts[name]
        for value in selected:
            values.setdefault(value, 0)
        ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        if limit is not None and len(ordered) > limit:
            # The most frequent values, and every selected one.
            kept = {v for v, _ in ordered[:limit]} | selected
            ordered = [item for item in ordered if item[0] in kept]
        if name == "year":
            ordered = sorted(ordered, key=lambda item: item[0], reverse=True)
        labels = registry.facet_value_labels(name, [v for v, _ in ordered])
        result[name] = [
            FacetCount(v, c, v in selected, str(labels.get(v, v))) for v, c in ordered
        ]
    return total, result


def _ranked_ids(
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
    ranked, ranked_params = backends.ranked_documents_sql(
        parsed.positive_leaves,
        f"SELECT d.id FROM {DOC} d WHERE {sql}",
        params,
        exact=exact,
    )
    return [
        (int(doc_id), float(score))
        for doc_id, score in _fetch(
            f"SELECT r.document_id, r.score FROM ({ranked}) r "
            "ORDER BY r.score DESC, r.document_id LIMIT %s OFFSET %s",
            [*ranked_params, limit, offset],
        )
    ]


def _page_ids(
    where: _Where, sort: str, offset: int, limit: int, total: int
) -> list[tuple[int, float]]:
    sql, params = where.sql()
    if sort == "relevance" and where.parsed.has_terms:
        exact = total <= backends.EXACT_RANK_LIMIT
        return _ranked_ids(where.parsed, sql, params, offset, limit, exact=exact)
    order = {
        "newest": "d.published DESC NULLS LAST, d.id DESC",
        "title": "d.title_sort, d.id",
        "popular": "d.popularity DESC, d.id DESC",
        "relevance": "d.published DESC NULLS LAST, d.id DESC",
    }[sort]
    return [
        (int(row[0]), 0.0)
        for row in _fetch(
            f"SELECT d.id FROM {DOC} d WHERE {sql} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
    ]


def _best_passages(
    parsed: ParsedQuery, document_ids: list[int]
) -> dict[int, list[HitPassage]]:
    if not parsed.has_terms or not document_ids:
        return {}
    best, params = backends.best_passages_sql(
        parsed.groups, document_ids, PASSAGES_PER_HIT
    )
    rows = _fetch(
        "SELECT b.document_id, b.position, b.score, pp.text, pp.language, "
        f"pp.locator, pp.label, pp.target_url FROM ({best}) b "
        f"JOIN {backends.PASSAGE_TABLE} pp ON pp.document_id = b.document_id "
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
    with backends.planned_for_index(enabled=not parsed.is_empty):
        where = _Where(
            parsed=parsed,
            user=user,
            kinds=kinds,
            filters=_clean_filters(filters),
            year_range=year_range,
        )
        total, facets = _facet_counts(where, facet_names, facet_limit)
        num_pages = max(1, math.ceil(total / per_page))
        page = max(1, min(int(page), num_pages))
        offset = (page - 1) * per_page
        ranked = _page_ids(where, sort, offset, per_page, total) if total else []
        ids = [doc_id for doc_id, _ in ranked]
        documents = (
            SearchDocument.objects.annotate(type_value=_type_value).in_bulk(ids)
            if ids
            else {}
        )
        passages = _best_passages(parsed, ids)
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
    access_sql, access_params = _access_condition(user)
    if access_sql:
        conditions.append(access_sql)
        params.extend(access_params)
    if kinds:
        conditions.append(f"d.kind IN ({_marks(list(kinds))})")
        params.extend(kinds)
    rows = _fetch(
        f"SELECT d.title, d.url, d.kind FROM {DOC} d WHERE {' AND '.join(conditions)} "
        "ORDER BY CASE WHEN d.title_sort LIKE %s THEN 0 ELSE 1 END, "
        "d.popularity DESC, d.title_sort LIMIT %s",
        [*params, f"{folded}%", max(1, min(int(limit), 20))],
    )
    return [Suggestion(title=t, url=u, kind=k) for t, u, k in rows]
