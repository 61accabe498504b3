"""The library's search for feeds, exports and the API, from the same
parameters as its page (``ecoc_hub.search.params.SearchParams``). The search
itself is ``ecoc_hub.search.queries.search``, which applies the access
rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from ecoc_hub.library import queries as library_queries
from ecoc_hub.library.models import Resource
from ecoc_hub.library.search_index import KIND
from ecoc_hub.search import registry
from ecoc_hub.search.params import FACETS, MAX_PER_PAGE, SearchParams
from ecoc_hub.search.queries import SearchResults, search

from .metadata import with_record_related


def run(
    params: SearchParams,
    *,
    user: Any,
    page: int | None = None,
    per_page: int = 20,
    facets: bool = True,
) -> SearchResults:
    """The library search of these parameters (page ``page``, else theirs)."""
    return search(
        user=user,
        kinds=[KIND],
        per_page=per_page,
        facet_names=FACETS if facets else [],
        **{**params.search_arguments(), "page": page or params.page},
    )


def describe(params: SearchParams) -> str:
    """The search in words, for a feed's title: the query and the names of
    the chosen filter values."""
    parts = [f"“{params.query}”"] if params.query else []
    for name, values in params.filters.items():
        labels = registry.facet_value_labels(name, list(values))
        parts += [str(labels.get(value, value)) for value in values]
    if not parts:
        return _("all resources")
    return ", ".join(parts)


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
    params: SearchParams, *, user: Any, limit: int
) -> list[Resource]:
    """Up to ``limit`` resources matching the query, in result order."""
    ids: list[int] = []
    page = 1
    while len(ids) < limit:
        results = run(params, user=user, page=page, per_page=MAX_PER_PAGE, facets=False)
        ids += [hit.object_id for hit in results.hits]
        if page >= results.num_pages:
            break
        page += 1
    return resources_in_order(user, ids[:limit])
