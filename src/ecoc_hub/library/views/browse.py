from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ecoc_hub.search.queries import search

from .. import permissions, queries
from ..search_index import KIND

FACETS = ["type", "capacity_area", "city", "country", "year", "language", "licence"]
PER_PAGE = 20


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:500]
    sort = request.GET.get("sort", "relevance" if query else "newest")
    filters = {
        name: request.GET.getlist(name)[:20]
        for name in FACETS
        if request.GET.getlist(name)
    }
    year_from = _int_or_none(request.GET.get("year_from"))
    year_to = _int_or_none(request.GET.get("year_to"))
    page = _int_or_none(request.GET.get("page")) or 1
    results = search(
        query,
        user=request.user,
        kinds=[KIND],
        filters=filters,
        year_range=(year_from, year_to) if year_from or year_to else None,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
        facet_names=FACETS,
    )
    browsing = not query and not filters and page == 1
    return render(
        request,
        "library/index.html",
        {
            "results": results,
            "collections": list(queries.collections_for_listing()[:6])
            if browsing
            else [],
            "can_contribute": permissions.can_contribute(request.user),
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [(_("Library"), "")],
        },
    )
