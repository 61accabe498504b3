"""Every error under /api/ is problem+json, Django's own included (issue 11, 9)."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.utils.log import log_response

from ecoc_hub.api import services as api_services
from ecoc_hub.library import samples
from ecoc_hub.library.models import Resource, ResourceFile

from .conftest import deposit


@pytest.fixture(autouse=True)
def _fresh_rate_counters(db):
    cache.clear()
    yield
    cache.clear()


def _auth(user) -> dict[str, str]:
    secret = api_services.create_token(user=user, name="tests").secret
    return {"Authorization": f"Bearer {secret}"}


def _is_problem(response, status: int) -> bool:
    return (response.status_code, response["Content-Type"]) == (
        status,
        "application/problem+json",
    )


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


# Hostile requests (issue 11, defect 9) ---------------------------------------


@pytest.mark.parametrize("in_memory", [True, False], ids=["in memory", "on disk"])
def test_a_1000_character_file_name_is_stored_shortened(
    client, settings, member, curator, in_memory
):
    # Large uploads are written to a temporary file first: both paths.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440 if in_memory else 0
    draft = deposit(owner=member, curator=curator, state="draft")
    name = "r" * 996 + ".pdf"

    response = client.post(
        f"/api/v1/resources/{draft.uuid}/files",
        {"file": SimpleUploadedFile(name, samples.build_pdf(["A page."]))},
        headers=_auth(member),
    )

    assert response.status_code == 201
    stored = ResourceFile.objects.get(uuid=response.json()["uuid"])
    assert (len(stored.original_name), stored.original_name[-4:]) == (255, ".pdf")


def test_a_1000_character_extension_is_a_problem_not_a_server_error(
    client, settings, member, curator
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    draft = deposit(owner=member, curator=curator, state="draft")

    response = client.post(
        f"/api/v1/resources/{draft.uuid}/files",
        {"file": SimpleUploadedFile("report." + "p" * 1000, b"%PDF-1.4 not much")},
        headers=_auth(member),
    )

    assert _is_problem(response, 400)
    assert draft.files.count() == 1  # the one deposit() added


def test_a_malformed_multipart_body_is_a_problem(client, member, curator):
    draft = deposit(owner=member, curator=curator, state="draft")

    response = client.generic(
        "POST",
        f"/api/v1/resources/{draft.uuid}/files",
        b'--frontier\r\nContent-Disposition: form-data; name="file"; filena',
        content_type="multipart/form-data; boundary=frontier",
        headers=_auth(member),
    )

    # The parser stops at the cut; what it read holds no file.
    assert _is_problem(response, 422)
    assert response.json()["errors"][0]["loc"] == ["file", "file"]


def test_a_multipart_body_without_a_boundary_is_a_problem(client, member, curator):
    draft = deposit(owner=member, curator=curator, state="draft")

    response = client.generic(
        "POST",
        f"/api/v1/resources/{draft.uuid}/files",
        b"file=x",
        content_type="multipart/form-data",
        headers=_auth(member),
    )

    assert _is_problem(response, 400)


def test_a_bad_host_header_on_an_upload_is_a_problem(client, member, curator):
    draft = deposit(owner=member, curator=curator, state="draft")

    response = client.post(
        f"/api/v1/resources/{draft.uuid}/files",
        {"file": SimpleUploadedFile("a.pdf", samples.build_pdf(["A page."]))},
        headers={**_auth(member), "Host": "evil.example\r\nX-Injected: 1"},
    )

    assert _is_problem(response, 400)


def test_an_api_refusal_is_logged_once_as_a_warning_without_traceback(
    client, caplog, member, curator
):
    resource = deposit(owner=member, curator=curator, state="submitted")
    headers = _auth(member)

    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.post(
            f"/api/v1/resources/{resource.uuid}/publish", headers=headers
        )

    records = [r for r in caplog.records if r.name == "django.request"]
    assert _is_problem(response, 403)
    assert [(r.levelname, r.status_code, r.exc_info) for r in records] == [
        ("WARNING", 403, None)
    ]
    assert Resource.objects.get(pk=resource.pk).state == "submitted"


def test_a_refused_page_is_logged_as_a_warning_without_traceback(
    client, caplog, member
):
    client.force_login(member)

    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get("/library/moderation/")

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert [(r.levelname, r.status_code, r.exc_info) for r in records] == [
        ("WARNING", 403, None)
    ]
