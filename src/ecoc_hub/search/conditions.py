"""The SQL of one search over search documents ``d``: the access rule,
kinds, years, the text match and the facet selections as one ``WHERE``
(``Where``), and the total with the facet counts in one statement
(``facet_counts``)."""

# SQL here is assembled from table names and "%s" placeholders only; every
# value, including engine query text, is passed as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ecoc_hub.accounts.models import Membership
from ecoc_hub.accounts.permissions import is_curator, is_member
from ecoc_hub.core import replicas

from . import facetcache, registry
from .backends import SearchBackend
from .models import SearchDocument, SearchDocumentOrganisation, SearchFacetValue
from .params import MAX_VALUE_LENGTH, MAX_VALUES_PER_FACET
from .parser import ParsedQuery
from .results import FacetCount

DOC = SearchDocument._meta.db_table
FACET = SearchFacetValue._meta.db_table
DOC_ORG = SearchDocumentOrganisation._meta.db_table


def marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def access_condition(user: Any) -> tuple[str, list[Any]]:
    if is_curator(user):
        return "", []
    if not is_member(user):
        return "d.access = 'public'", []
    # The member's teams are read here and passed as values, so that the
    # statement names exactly what the member may see: the facet cache keys
    # on it, and a member who leaves a team gets a key of their own.
    teams = sorted(
        Membership.objects.using(replicas.read_alias(Membership))
        .filter(user_id=user.pk)
        .values_list("organisation_id", flat=True)
    )
    # Grants (registry.register_access_grants) are passed as values too.
    grants = registry.access_grants(user)
    allowed: list[str] = []
    params: list[Any] = []
    if teams:
        allowed.append(
            f"d.id IN (SELECT o.document_id FROM {DOC_ORG} o "
            f"WHERE o.organisation_id IN ({marks(teams)}))"
        )
        params += teams
    if grants:
        allowed.append(
            f"d.id IN (SELECT g.document_id FROM {FACET} g "
            f"WHERE g.facet = %s AND g.value IN ({marks(grants)}))"
        )
        params += [registry.GRANT_FACET, *grants]
    if not allowed:
        return "d.access IN ('public', 'members')", []
    return (
        "(d.access IN ('public', 'members') OR (d.access = 'restricted' AND "
        f"({' OR '.join(allowed)})))",
        params,
    )


def clean_filters(filters: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for facet, values in (filters or {}).items():
        if isinstance(values, str):
            values = [values]
        # NUL cannot reach PostgreSQL text; such a value matches nothing anyway.
        kept = sorted(
            {
                str(v)[:MAX_VALUE_LENGTH]
                for v in values
                if str(v) and "\x00" not in str(v)
            }
        )[:MAX_VALUES_PER_FACET]
        # The grants' reserved facet is no filter (registry.GRANT_FACET).
        if facet == registry.GRANT_FACET:
            continue
        if kept and facet and "\x00" not in str(facet):
            cleaned[str(facet)[:40]] = kept
    return cleaned


class Where:
    """The WHERE over search documents ``d`` for one search."""

    def __init__(
        self,
        *,
        engine: SearchBackend,
        parsed: ParsedQuery,
        user: Any,
        kinds: Sequence[str] | None,
        filters: dict[str, list[str]],
        year_range: tuple[int | None, int | None] | None,
    ) -> None:
        self.parsed = parsed
        self.filters = filters
        self.base: list[tuple[str, list[Any]]] = []
        access = access_condition(user)
        if access[0]:
            self.base.append(access)
        if kinds is not None:
            kinds = list(kinds)
            self.base.append(
                (f"d.kind IN ({marks(kinds)})", list(kinds)) if kinds else ("1 = 0", [])
            )
        if year_range:
            low, high = year_range
            if low is not None:
                self.base.append(("d.year >= %s", [int(low)]))
            if high is not None:
                self.base.append(("d.year <= %s", [int(high)]))
        for sql, params in engine.matching_documents_sql(parsed.groups):
            self.base.append((f"d.id IN ({sql})", params))
        if parsed.excluded:
            for sql, params in engine.matching_documents_sql([parsed.excluded]):
                self.base.append((f"d.id NOT IN ({sql})", params))

    def sql(self) -> tuple[str, list[Any]]:
        """Every condition."""
        return joined([*self.base, *self._facet_parts()])

    def base_sql(self) -> tuple[str, list[Any]]:
        """The conditions other than facet selections."""
        return joined(self.base)

    def facet_sql(self, *, except_facet: str | None = None) -> tuple[str, list[Any]]:
        """The facet selections only, leaving out ``except_facet``'s."""
        return joined(self._facet_parts(except_facet))

    def _facet_parts(
        self, except_facet: str | None = None
    ) -> list[tuple[str, list[Any]]]:
        parts: list[tuple[str, list[Any]]] = []
        for facet, values in self.filters.items():
            if facet == except_facet:
                continue
            if facet == "kind":
                parts.append((f"d.kind IN ({marks(values)})", list(values)))
                continue
            parts.append(
                (
                    f"d.id IN (SELECT fv.document_id FROM {FACET} fv "
                    f"WHERE fv.facet = %s AND fv.value IN ({marks(values)}))",
                    [facet, *values],
                )
            )
        return parts


def joined(parts: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    if not parts:
        return "1 = 1", []
    return " AND ".join(f"({p[0]})" for p in parts), [x for p in parts for x in p[1]]


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    # A search reads from the replica when the request may (core/replicas.py).
    with replicas.read_connection(SearchDocument).cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def facet_counts(
    where: Where, facet_names: Sequence[str], limit: int | None = None
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
                f"AND fv.facet IN ({marks(unselected)}) GROUP BY fv.facet, fv.value",
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
    rows = facetcache.cached_rows(
        f"WITH base AS MATERIALIZED (SELECT d.id, d.kind FROM {DOC} d "
        f"WHERE {text_sql}), "
        f"matching AS MATERIALIZED (SELECT d.id, d.kind FROM base d "
        f"WHERE {selected_sql}) "
        + " UNION ALL ".join(
            f"SELECT * FROM ({p[0]}) AS part{i}" for i, p in enumerate(parts)
        ),
        [*text_params, *selected_params, *(x for p in parts for x in p[1])],
        fetch,
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
