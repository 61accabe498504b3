from __future__ import annotations

import pytest

from ecoc_hub.core.ranges import Unsatisfiable, parse_range
from ecoc_hub.library import samples, services

from .conftest import make_resource, stage

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/140.0"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-500", (500, 999)),
        ("bytes=900-5000", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
        ("bytes=50-10", None),
    ],
)
def test_range_forms_are_parsed(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=-0", "bytes=2000-3000"])
def test_unsatisfiable_ranges_are_detected(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


@pytest.fixture
def text_file(member, curator):
    resource = make_resource(owner=member, curator=curator)
    return services.add_file(
        resource=resource,
        staged=stage(bytes(range(48, 58)) * 100, "Évaluation finale «2026».txt"),
        uploaded_by=member,
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_full_download_has_safe_headers(client, text_file):
    response = client.get(text_file.get_absolute_url(), **BROWSER)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1000"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C3%89valuation%20finale%20%C2%AB2026%C2%BB.txt"
    )
    assert len(body(response)) == 1000


@pytest.mark.parametrize(
    ("header", "content_range", "first", "length"),
    [
        ("bytes=0-99", "bytes 0-99/1000", 0, 100),
        ("bytes=100-", "bytes 100-999/1000", 100, 900),
        ("bytes=-500", "bytes 500-999/1000", 500, 500),
    ],
)
def test_range_requests_get_206(
    client, text_file, header, content_range, first, length
):
    data = bytes(range(48, 58)) * 100

    response = client.get(text_file.get_absolute_url(), HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == content_range
    assert response["Content-Length"] == str(length)
    assert body(response) == data[first : first + length]


def test_unsatisfiable_range_gets_416(client, text_file):
    response = client.get(text_file.get_absolute_url(), HTTP_RANGE="bytes=5000-")

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1000"


def test_head_sends_headers_without_a_body(client, text_file):
    response = client.head(text_file.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Length"] == "1000"
    assert response.content == b""


def test_html_is_never_served_inline(client, member, curator):
    resource = make_resource(owner=member, curator=curator)
    file = services.add_file(
        resource=resource,
        staged=stage(b"<script>alert(1)</script>", "page.html"),
        uploaded_by=member,
    )

    response = client.get(file.get_absolute_url() + "?inline=1")

    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_pdf_preview_is_inline(client, published):
    file = published.files.get()

    response = client.get(file.get_absolute_url() + "?inline=1")

    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_download_is_counted_but_not_a_range_continuation(client, published):
    file = published.files.get()

    client.get(file.get_absolute_url(), **BROWSER)
    client.get(file.get_absolute_url(), HTTP_RANGE="bytes=100-", **BROWSER)
    client.get(file.get_absolute_url(), HTTP_USER_AGENT="curl/8.5")

    published.refresh_from_db()
    assert published.download_count == 1


def test_thumbnail_is_served_as_png(client, published):
    from django.urls import reverse

    file = published.files.get()

    response = client.get(reverse("library:thumbnail", args=[file.uuid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response)[:4] == b"\x89PNG"


def test_audio_player_has_captions_track(client, member, curator):
    resource = make_resource(owner=member, curator=curator)
    audio = services.add_file(
        resource=resource,
        staged=stage(samples.mp3_bytes(), "talk.mp3"),
        uploaded_by=member,
    )
    captions = services.add_file(
        resource=resource,
        staged=stage(samples.vtt_bytes([(0, 1, "Hi")]), "talk.vtt"),
        uploaded_by=member,
    )

    page = client.get(resource.get_absolute_url()).content.decode()

    assert f'src="/library/files/{audio.uuid}/talk.mp3?inline=1"' in page
    assert (
        f'<track kind="captions" src="/library/files/{captions.uuid}/talk.vtt?inline=1"'
        in page
    )


def test_a_download_the_client_already_has_is_answered_304(client, text_file):
    first = client.get(text_file.get_absolute_url(), **BROWSER)

    again = client.get(
        text_file.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"], **BROWSER
    )

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_if_range_with_another_etag_sends_the_whole_file(client, text_file):
    response = client.get(
        text_file.get_absolute_url(),
        HTTP_RANGE="bytes=0-9",
        HTTP_IF_RANGE='"not-this-one"',
        **BROWSER,
    )

    assert response.status_code == 200
    assert response["Content-Length"] == "1000"
