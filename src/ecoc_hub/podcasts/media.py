"""Serve stored files with HEAD, byte ranges (RFC 9110 §14), ETag and
conditional requests, as podcast apps and browsers' audio elements expect."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """Return (first, last) for a single satisfiable range, None when the
    header should be ignored (absent, malformed, several ranges), and False
    when it is unsatisfiable (416)."""
    match = _RANGE.match(header.replace(" ", ""))
    if match is None:
        return None
    first_text, last_text = match.groups()
    if first_text == "":
        if last_text == "":
            return None
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return False
        return max(0, size - suffix), size - 1
    first = int(first_text)
    if first >= size:
        return False
    last = int(last_text) if last_text else size - 1
    if last < first:
        return None
    return first, min(last, size - 1)


def _stream(name: str, first: int, length: int) -> Iterator[bytes]:
    with default_storage.open(name, "rb") as handle:
        handle.seek(first)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def serve_file(
    request: HttpRequest,
    *,
    name: str,
    size: int,
    content_type: str,
    etag: str,
    last_modified: float | None = None,
    public: bool = True,
) -> HttpResponse | StreamingHttpResponse:
    """A stored file whose name never changes content (content-addressed).

    Public copies are cached for a day only: the bytes never change, but an
    episode may be withdrawn, and caches should forget it soon after.
    """
    quoted_etag = f'"{etag}"'
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": quoted_etag,
        "Cache-Control": ("public, max-age=86400" if public else "private, no-cache"),
    }
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    not_modified = get_conditional_response(
        request,
        etag=quoted_etag,
        last_modified=int(last_modified) if last_modified else None,
    )
    if not_modified is not None:
        for key, value in headers.items():
            not_modified[key] = value
        return not_modified

    first, last, status = 0, size - 1, 200
    range_header = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range", "")
    if range_header and (not if_range or if_range == quoted_etag):
        wanted = parse_range(range_header, size)
        if wanted is False:
            refused = HttpResponse(status=416, headers=headers)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        if isinstance(wanted, tuple):
            first, last = wanted
            status = 206
    length = max(0, last - first + 1)
    response: HttpResponse | StreamingHttpResponse
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _stream(name, first, length), status=status, content_type=content_type
        )
    for key, value in headers.items():
        response[key] = value
    response["Content-Length"] = str(length)
    if status == 206:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
