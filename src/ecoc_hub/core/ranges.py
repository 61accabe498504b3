"""Serving stored bytes over HTTP: HEAD, single byte ranges (RFC 9110 §14),
If-Range, ETag and Last-Modified conditional requests.

Shared by library downloads and podcast media, so that browsers' media
elements and podcast apps can seek in any file the site stores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import objectstore

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    """The range starts past the end of the file: answer 416."""


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions for one range, None to send everything.

    Several ranges or a malformed header are answered with the whole file, as
    RFC 9110 allows; a range starting past the end raises Unsatisfiable.
    """
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # suffix: the last N bytes
        length = int(last_text)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    first = int(first_text)
    if first >= size:
        raise Unsatisfiable
    last = int(last_text) if last_text else size - 1
    if last < first:
        return None
    return first, min(last, size - 1)


def _stream(handle: IO[bytes], first: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(first)
        left = length
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()


def serve_bytes(
    request: HttpRequest,
    *,
    open_file: Callable[[], IO[bytes]],
    size: int,
    content_type: str,
    etag: str,
    headers: dict[str, str],
    last_modified: float | None = None,
    storage_name: str | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """Answer GET or HEAD for a file whose bytes never change under ``etag``.

    With ``storage_name`` (the file's name in the default storage) and the
    files in object storage, a range is fetched with a ranged GET and a large
    whole-file GET is redirected to a signed URL (core/objectstore.py).
    """
    quoted_etag = f'"{etag}"'
    common = {"Accept-Ranges": "bytes", "ETag": quoted_etag, **headers}
    if last_modified is not None:
        common["Last-Modified"] = http_date(last_modified)
    not_modified = get_conditional_response(
        request,
        etag=quoted_etag,
        last_modified=int(last_modified) if last_modified else None,
    )
    if not_modified is not None:
        for name, value in common.items():
            not_modified[name] = value
        return not_modified

    byte_range = None
    range_header = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range", "")
    if range_header and (not if_range or if_range == quoted_etag):
        try:
            byte_range = parse_range(range_header, size)
        except Unsatisfiable:
            refused = HttpResponse(status=416)
            for name, value in common.items():
                refused[name] = value
            refused["Content-Range"] = f"bytes */{size}"
            return refused
    remote = storage_name if objectstore.in_object_storage() else None
    if remote and byte_range is None and request.method == "GET":
        url = objectstore.redirect_url(
            remote,
            size=size,
            content_type=content_type,
            disposition=headers.get("Content-Disposition", "inline"),
        )
        if url:
            redirect = HttpResponseRedirect(url)
            redirect["Cache-Control"] = "private, no-store"
            return redirect
    first, last = byte_range if byte_range else (0, size - 1)
    length = max(0, last - first + 1)
    status = 206 if byte_range else 200
    response: HttpResponse | StreamingHttpResponse
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        chunks = (
            objectstore.stream_range(remote, first, length)
            if remote
            else _stream(open_file(), first, length)
        )
        response = StreamingHttpResponse(
            chunks,
            status=status,
            content_type=content_type,
        )
    for name, value in common.items():
        response[name] = value
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
