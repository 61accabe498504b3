"""Serve stored files with HEAD, byte ranges (RFC 9110 §14), ETag and
conditional requests, as podcast apps and browsers' audio elements expect."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from ecoc_hub.core.ranges import serve_bytes


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
    return serve_bytes(
        request,
        open_file=lambda: default_storage.open(name, "rb"),
        size=size,
        content_type=content_type,
        etag=etag,
        last_modified=last_modified,
        storage_name=name,
        headers={
            "Cache-Control": "public, max-age=86400" if public else "private, no-cache"
        },
    )
