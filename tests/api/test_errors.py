"""Every error under /api/ is problem+json, Django's own included (issue 11, 9)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.log import log_response


def test_unknown_api_path_is_a_problem(client):
    response = client.get("/api/v1/nothing-here")

    assert (response.status_code, response["Content-Type"]) == (
        404,
        "application/problem+json",
    )
    assert response.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "There is nothing at this address.",
        "errors": [],
    }


def test_request_django_refuses_under_api_is_a_problem(client):
    response = client.get("/api/v1/resources", HTTP_HOST="evil.example")

    assert (response.status_code, response["Content-Type"]) == (
        400,
        "application/problem+json",
    )
    assert response.json()["title"] == "Bad request"


def test_site_pages_keep_their_html_error_pages(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_refusals_are_logged_without_a_traceback(caplog, rf):
    request = rf.get("/api/v1/resources")
    try:
        raise PermissionDenied("no")
    except PermissionDenied as error:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            log_response(
                "Forbidden (Permission denied): %s",
                request.path,
                response=HttpResponse(status=403),
                request=request,
                exception=error,
            )

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert (record.levelname, record.getMessage(), record.exc_info) == (
        "WARNING",
        "Forbidden (Permission denied): /api/v1/resources",
        None,
    )
