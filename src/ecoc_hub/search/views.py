from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import registry
from .params import SITE_FACETS, SearchParams
from .queries import search, suggest_titles

PER_PAGE = 10
FACET_LIMIT = 12


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_query(request.GET, facets=SITE_FACETS)
    results = search(
        user=request.user,
        per_page=PER_PAGE,
        facet_limit=FACET_LIMIT,
        facet_names=SITE_FACETS,
        **params.search_arguments(),
    )
    context = {
        "params": params,
        "results": results,
        "searched": params.is_search,
        "results_links": registry.results_links(params.filters.get("kind", ())),
        "breadcrumbs": [(_("Search"), request.path)],
    }
    template = "search/index.html"
    if _is_htmx(request) and request.headers.get("HX-Target") == "search-area":
        template = "search/index.html#search-area"
    return render(request, template, context)


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    prefix = request.GET.get("q", "")[:100]
    kinds = [k for k in request.GET.getlist("kind") if k][:10] or None
    suggestions = suggest_titles(prefix, user=request.user, limit=8, kinds=kinds)
    return render(
        request,
        "search/suggestions.html",
        {"suggestions": suggestions, "prefix": prefix},
    )
