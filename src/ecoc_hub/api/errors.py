"""Django's own error responses, as problem details under /api/.

Errors raised before or outside a ninja operation (an unknown path, a
disallowed host, a request body Django cannot parse, a CSRF refusal) are
answered by Django's error handlers, which render HTML pages. Under /api/
every error is ``application/problem+json`` like the API's own; elsewhere
the site's pages are kept.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from .problems import problem

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem(400, "The request could not be read.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem(403, "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem(404, "There is nothing at this address.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return problem(500, "Something went wrong on the server.")
    return defaults.server_error(request)
