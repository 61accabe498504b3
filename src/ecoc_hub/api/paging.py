"""Paged list endpoints: one envelope (count, page, pages, per_page, links,
results) and an RFC 8288 Link header, for every router."""

# django-ninja declares query parameters as Query(...) defaults.

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode
from ninja import Query, Schema

from ecoc_hub.core.links import absolute
from ecoc_hub.search.params import MAX_PAGE, MAX_PER_PAGE


class Links(Schema):
    self: str
    first: str
    last: str
    next: str | None = None
    prev: str | None = None


class PageMeta(Schema):
    """The envelope's fields; a list's schema adds ``results``."""

    count: int
    page: int
    pages: int
    per_page: int
    links: Links


def page_number() -> Any:
    return Query(1, ge=1, le=MAX_PAGE)


def page_size(default: int = 50) -> Any:
    return Query(default, ge=1, le=MAX_PER_PAGE)


def links(request: HttpRequest, page: int, pages: int) -> dict[str, str | None]:
    params = [
        (k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"
    ]

    def at(number: int) -> str:
        return absolute(request.path) + "?" + urlencode([*params, ("page", number)])

    return {
        "self": at(page),
        "first": at(1),
        "last": at(pages),
        "next": at(page + 1) if page < pages else None,
        "prev": at(page - 1) if page > 1 else None,
    }


def link_header(response: HttpResponse, links: dict[str, str | None]) -> None:
    parts = [
        f'<{url}>; rel="{rel}"'
        for rel, url in links.items()
        if url and rel in {"first", "last", "next", "prev"}
    ]
    response["Link"] = ", ".join(parts)


def envelope(
    request: HttpRequest,
    response: HttpResponse,
    *,
    count: int,
    page: int,
    pages: int,
    per_page: int,
) -> dict[str, Any]:
    """The envelope of a page computed elsewhere (e.g. by the search)."""
    page_links = links(request, page, pages)
    link_header(response, page_links)
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "per_page": per_page,
        "links": page_links,
    }


def paged(
    request: HttpRequest,
    response: HttpResponse,
    queryset: Any,
    page: int,
    per_page: int,
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of a queryset: the envelope, its links and Link header."""
    count = queryset.count()
    pages = max(1, math.ceil(count / per_page))
    page = min(page, pages)
    items = list(queryset[(page - 1) * per_page : page * per_page])
    body = envelope(
        request, response, count=count, page=page, pages=pages, per_page=per_page
    )
    body["results"] = [serialize(item) for item in items]
    return body
