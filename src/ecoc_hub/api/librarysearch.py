"""The library's search, read from the same query parameters as its page
(``q``, ``sort``, the facet names, ``year_from``/``year_to``), for feeds, exports
and the API. The search itself is ``ecoc_hub.search.queries.search``, which
applies the access rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from ecoc_hub.library import queries as library_queries
from ecoc_hub.library.models import Resource
from ecoc_hub.library.search_index import KIND
from ecoc_hub.search.queries import MAX_PER_PAGE, SearchResults, search

from .metadata import with_record_related

FACETS = ["type", "capacity_area", "city", "country", "year", "language", "licence"]
MAX_VALUES_PER_FACET = 20


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@dataclass
class LibraryQuery:
    query: str = ""
    sort: str = "newest"
    filters: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def from_params(cls, params: QueryDict | Mapping[str, Any]) -> LibraryQuery:
        getlist = getattr(params, "getlist", None)

        def values(name: str) -> list[str]:
            if getlist is not None:
                raw = [str(v) for v in getlist(name)]
            else:
                value = params.get(name)
                if value is None:
                    return []
                raw = (
                    [str(v) for v in value] if isinstance(value, list) else [str(value)]
                )
            # NUL is no character of any query and PostgreSQL refuses it.
            return [v.replace("\x00", "") for v in raw]

        query = (values("q") or [""])[0].strip()[:500]
        return cls(
            query=query,
            sort=(values("sort") or ["relevance" if query else "newest"])[0],
            filters={
                name: values(name)[:MAX_VALUES_PER_FACET]
                for name in FACETS
                if values(name)
            },
            year_from=_int_or_none((values("year_from") or [""])[0]),
            year_to=_int_or_none((values("year_to") or [""])[0]),
        )

    @property
    def year_range(self) -> tuple[int | None, int | None] | None:
        if self.year_from or self.year_to:
            return (self.year_from, self.year_to)
        return None

    def as_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.query:
            params.append(("q", self.query))
        for name in FACETS:
            params += [(name, value) for value in self.filters.get(name, [])]
        if self.year_from:
            params.append(("year_from", str(self.year_from)))
        if self.year_to:
            params.append(("year_to", str(self.year_to)))
        return params

    def describe(self) -> str:
        parts = [f"“{self.query}”"] if self.query else []
        for name in FACETS:
            parts += self.filters.get(name, [])
        if not parts:
            return _("all resources")
        return ", ".join(parts)

    def run(
        self, *, user: Any, page: int = 1, per_page: int = 20, facets: bool = True
    ) -> SearchResults:
        return search(
            self.query,
            user=user,
            kinds=[KIND],
            filters=self.filters,
            year_range=self.year_range,
            sort=self.sort,
            page=page,
            per_page=per_page,
            facet_names=FACETS if facets else [],
        )


def resources_in_order(user: Any, ids: Sequence[int]) -> list[Resource]:
    """The resources of these search hits, in hit order, that ``user`` may
    see (the library's own permission queryset, checked again)."""
    found = {
        r.pk: r
        for r in with_record_related(
            library_queries.visible_resources(user).filter(pk__in=list(ids))
        )
    }
    return [found[pk] for pk in ids if pk in found]


def matching_resources(
    library_query: LibraryQuery, *, user: Any, limit: int
) -> list[Resource]:
    """Up to ``limit`` resources matching the query, in result order."""
    ids: list[int] = []
    page = 1
    while len(ids) < limit:
        results = library_query.run(
            user=user, page=page, per_page=MAX_PER_PAGE, facets=False
        )
        ids += [hit.object_id for hit in results.hits]
        if page >= results.num_pages:
            break
        page += 1
    return resources_in_order(user, ids[:limit])
