"""Serving stored files: safe names, nosniff, HEAD and HTTP range requests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from ecoc_hub.core.ranges import serve_bytes

from .files import open_blob
from .models import Blob

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


def serve_blob(
    request: HttpRequest,
    *,
    blob: Blob,
    filename: str,
    kind: str,
    inline: bool,
) -> HttpResponse | StreamingHttpResponse:
    as_attachment = not (inline and kind in INLINE_KINDS)
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": content_disposition_header(as_attachment, filename)
        or "attachment",
        "Cache-Control": "private, max-age=3600",
        # A stored file is never a page of this site: no scripts, no plugins.
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    return serve_bytes(
        request,
        open_file=lambda: open_blob(blob),
        size=blob.size,
        content_type=blob.media_type,
        etag=blob.sha256,
        headers=headers,
        storage_name=blob.storage_name,
    )
