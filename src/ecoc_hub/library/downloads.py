"""Serving stored files: safe names, nosniff, HEAD and HTTP range requests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from .files import open_blob
from .models import Blob

CHUNK = 64 * 1024
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
INLINE_KINDS = {
    "pdf",
    "jpeg",
    "png",
    "webp",
    "mp3",
    "m4a",
    "ogg",
    "mp4",
    "webm",
    "vtt",
}


class Unsatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions for one range, None to send everything.

    Several ranges or a malformed header are answered with the whole file, as
    RFC 9110 allows; a range starting past the end is unsatisfiable.
    """
    match = RANGE_RE.match(header.strip().replace(" ", ""))
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
    last = int(last_text) if last_text else size - 1
    if first >= size:
        raise Unsatisfiable
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


def serve_blob(
    *,
    method: str,
    range_header: str,
    blob: Blob,
    filename: str,
    kind: str,
    inline: bool,
) -> HttpResponse | StreamingHttpResponse:
    size = blob.size
    as_attachment = not (inline and kind in INLINE_KINDS)
    headers = {
        "Content-Type": blob.media_type,
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": content_disposition_header(as_attachment, filename)
        or "attachment",
        "ETag": f'"{blob.sha256}"',
        "Cache-Control": "private, max-age=3600",
        # A stored file is never a page of this site: no scripts, no plugins.
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    try:
        byte_range = parse_range(range_header, size) if range_header else None
    except Unsatisfiable:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        return refused
    first, last = byte_range if byte_range else (0, size - 1)
    length = max(0, last - first + 1)
    status = 206 if byte_range else 200
    response: HttpResponse | StreamingHttpResponse
    if method == "HEAD":
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(
            _stream(open_blob(blob), first, length), status=status
        )
    for name, value in headers.items():
        response[name] = value
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
