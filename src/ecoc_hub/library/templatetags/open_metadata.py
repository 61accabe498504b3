"""Template tags that put machine-readable metadata (served by the api app) on
the library's pages: ``{% resource_head resource %}`` in the page head,
``{% resource_exports resource %}`` in its body, and
``{% search_feeds request %}`` / ``{% search_feeds_head request %}`` on the
search page."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ecoc_hub.core.jsonld import jsonld_script
from ecoc_hub.library.models import Resource
from ecoc_hub.search.params import FACETS, SearchParams

from ..landing import (
    citation_meta,
    is_public_landing,
    linkset_url,
    open_graph,
    record_for,
    resource_jsonld,
)
from ..metadata import EXPORT_MEDIA_TYPES, SEARCH_EXPORT_LIMIT

register = template.Library()


def _labels() -> dict[str, str]:
    return {
        "bib": _("BibTeX"),
        "ris": _("RIS (EndNote, Zotero)"),
        "csl.json": _("CSL-JSON"),
        "datacite.xml": _("DataCite XML"),
        "dc.xml": _("Dublin Core XML"),
        "csv": _("CSV table"),
    }


def _resource_exports(resource: Resource) -> list[tuple[str, str, str]]:
    labels = _labels()
    return [
        (
            reverse("api:resource_export", args=[resource.uuid, fmt]),
            EXPORT_MEDIA_TYPES[fmt],
            labels[fmt],
        )
        for fmt in ("bib", "ris", "csl.json", "datacite.xml", "dc.xml")
    ]


@register.inclusion_tag("library/includes/resource_head.html")
def resource_head(resource: Resource) -> dict[str, Any]:
    if not is_public_landing(resource):
        return {}
    record = record_for(resource)
    return {
        "jsonld": jsonld_script(resource_jsonld(record)),
        "citation": citation_meta(record),
        "open_graph": open_graph(record),
        "linkset_url": linkset_url(record),
        "exports": _resource_exports(resource),
    }


@register.inclusion_tag("library/includes/resource_exports.html")
def resource_exports(resource: Resource) -> dict[str, Any]:
    return {"exports": _resource_exports(resource)}


def _search_context(request: HttpRequest) -> dict[str, Any]:
    params = SearchParams.from_query(request.GET, facets=FACETS).as_params()
    query = "?" + urlencode(params) if params else ""
    labels = _labels()
    return {
        "atom_url": reverse("api:search_atom") + query,
        "rss_url": reverse("api:search_rss") + query,
        "exports": [
            (reverse("api:search_export", args=[fmt]) + query, labels[fmt])
            for fmt in ("bib", "ris", "csl.json", "csv")
        ],
        "limit": SEARCH_EXPORT_LIMIT,
    }


@register.inclusion_tag("library/includes/search_feeds.html")
def search_feeds(request: HttpRequest) -> dict[str, Any]:
    return _search_context(request)


@register.inclusion_tag("library/includes/search_feeds_head.html")
def search_feeds_head(request: HttpRequest) -> dict[str, Any]:
    return _search_context(request)
