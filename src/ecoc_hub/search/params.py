"""The URL parameters of a search, read in one place with one set of limits.

The site search, the library listing, the library's feeds and exports and
the REST API all read ``q``, ``sort``, ``page``, ``year_from``/``year_to``
and the facet names through ``SearchParams.from_query``, so the same address
means the same search everywhere.

A search never fails on what is typed or linked: the query is cut to
``MAX_QUERY_LENGTH`` characters, a facet keeps its first
``MAX_VALUES_PER_FACET`` values of at most ``MAX_VALUE_LENGTH`` characters,
NUL characters (which PostgreSQL refuses and no stored value holds) are
dropped, facet names the page does not offer are ignored, a reversed year
range is swapped, and a sort, page or year that cannot be read falls back to
its default (relevance: the newest first when there are no words). The
API declares the same bounds in its OpenAPI document (a
wrongly typed value is a 422 there) and then reads through this parser too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_QUERY_LENGTH = 500
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 200
MAX_PAGE = 100_000
MAX_PER_PAGE = 100
MIN_YEAR, MAX_YEAR = 1900, 2100

# The facets every kind of document may carry (the library's filters, the
# API's and the feeds'); the site search adds the kind and the access level.
FACETS: tuple[str, ...] = (
    "type",
    "capacity_area",
    "city",
    "country",
    "year",
    "language",
    "licence",
)
SITE_FACETS: tuple[str, ...] = ("kind", *FACETS, "access")
SORTS: tuple[str, ...] = ("relevance", "newest", "title", "popular")


def int_or_none(value: object) -> int | None:
    """An integer read from a parameter, or None when it is not one."""
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None


# Relevance, everywhere: without words to rank by it lists the newest first,
# so a listing's sort menu says "Relevance" and a query typed into it is
# ranked (a "newest" default would be sent with the query and win).
DEFAULT_SORT = "relevance"


def _year(value: object) -> int | None:
    year = int_or_none(value)
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else None


def _first(params: Any, name: str) -> str:
    return (_values(params, name) or [""])[0]


def _values(params: Any, name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(name)]
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _facet_values(raw: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for value in raw:
        value = value.strip()[:MAX_VALUE_LENGTH]
        # A value holding NUL matches nothing stored; PostgreSQL refuses it.
        if value and "\x00" not in value and value not in kept:
            kept.append(value)
    return tuple(kept[:MAX_VALUES_PER_FACET])


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    sort: str = DEFAULT_SORT
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    page: int = 1

    @classmethod
    def from_query(
        cls,
        params: Mapping[str, Any],
        *,
        facets: Sequence[str] = FACETS,
    ) -> SearchParams:
        """Read a QueryDict (or a plain mapping) of URL parameters."""
        raw_query = _first(params, "q").replace("\x00", "")
        query = raw_query.strip()[:MAX_QUERY_LENGTH].strip()
        sort = _first(params, "sort")
        year_from = _year(_first(params, "year_from"))
        year_to = _year(_first(params, "year_to"))
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        page = int_or_none(_first(params, "page")) or 1
        filters = {name: _facet_values(_values(params, name)) for name in facets}
        return cls(
            query=query,
            sort=sort if sort in SORTS else DEFAULT_SORT,
            filters={name: values for name, values in filters.items() if values},
            year_from=year_from,
            year_to=year_to,
            page=max(1, min(page, MAX_PAGE)),
        )

    @property
    def year_range(self) -> tuple[int | None, int | None] | None:
        if self.year_from is None and self.year_to is None:
            return None
        return (self.year_from, self.year_to)

    @property
    def active_filters(self) -> int:
        """How many filters are set: each facet value and each year bound."""
        years = (self.year_from is not None) + (self.year_to is not None)
        return sum(len(values) for values in self.filters.values()) + years

    @property
    def is_search(self) -> bool:
        """Words or filters: not the plain listing of everything."""
        return bool(self.query or self.active_filters)

    def as_params(self, *, sort: bool = False) -> list[tuple[str, str]]:
        """The parameters again, in a stable order, without the page (and
        without the sort unless asked and not the default)."""
        params: list[tuple[str, str]] = []
        if self.query:
            params.append(("q", self.query))
        for name, values in self.filters.items():
            params += [(name, value) for value in values]
        if self.year_from is not None:
            params.append(("year_from", str(self.year_from)))
        if self.year_to is not None:
            params.append(("year_to", str(self.year_to)))
        if sort and self.sort != DEFAULT_SORT:
            params.append(("sort", self.sort))
        return params

    def search_arguments(self) -> dict[str, Any]:
        """Keyword arguments for ``queries.search`` (but ``user``)."""
        return {
            "query": self.query,
            "sort": self.sort,
            "page": self.page,
            "filters": {name: list(values) for name, values in self.filters.items()},
            "year_range": self.year_range,
        }
