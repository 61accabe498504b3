from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ecoc_hub.search.params import FACETS, SearchParams
from ecoc_hub.search.queries import search

from .. import permissions, queries
from ..search_index import KIND

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_query(request.GET, facets=FACETS)
    results = search(
        user=request.user,
        kinds=[KIND],
        per_page=PER_PAGE,
        facet_names=FACETS,
        **params.search_arguments(),
    )
    browsing = not params.is_search and params.page == 1
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
