from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ecoc_hub.search.params import FACETS, SearchParams
from ecoc_hub.search.queries import search

from .. import permissions, queries
from ..search_index import KIND, results_url

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_query(request.GET, facets=FACETS)
    if params.query:
        # One results page, ranked by relevance, with one set of defaults.
        return redirect(results_url(params), permanent=True)
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
            "params": params,
            "results": results,
            "collections": list(queries.collections_for_listing()[:6])
            if browsing
            else [],
            "can_contribute": permissions.can_contribute(request.user),
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [(_("Library"), "")],
        },
    )
