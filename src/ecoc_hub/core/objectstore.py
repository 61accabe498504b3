"""Stored files in S3-compatible object storage (``S3_BUCKET``, django-storages).

Two things differ from files on disk, and both live here:

* a byte range is fetched from the object store with a ranged GET, not by
  downloading the whole object and seeking in it (an audio player asks for
  many small ranges of a long episode);
* a large download without a ``Range`` header is answered with a redirect to
  a short-lived signed URL (``ECOC_HUB_S3_REDIRECT_OVER_BYTES``), so the web
  process does not relay gigabytes. The permission check has already run in
  the view; the URL expires after ``ECOC_HUB_S3_SIGNED_URL_SECONDS`` and
  carries the file's name and type, so the browser saves it as it would
  from the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.storage import storages

CHUNK = 256 * 1024


def _s3() -> Any | None:
    """The default storage if it is django-storages' S3 storage."""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # the s3 extra is not installed
        return None
    storage = storages["default"]
    return storage if isinstance(storage, S3Storage) else None


def in_object_storage() -> bool:
    return _s3() is not None


def stream_range(name: str, first: int, length: int) -> Iterator[bytes]:
    """``length`` bytes of stored file ``name`` from ``first``, by a ranged GET."""
    storage = _s3()
    if storage is None:
        raise RuntimeError("the default storage is not S3")
    if length <= 0:
        return
    from storages.utils import clean_name

    key = storage._normalize_name(clean_name(name))
    body = storage.bucket.Object(key).get(Range=f"bytes={first}-{first + length - 1}")[
        "Body"
    ]
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


def redirect_url(
    name: str, *, size: int, content_type: str, disposition: str
) -> str | None:
    """A signed URL for a whole-file download, when the file is large enough."""
    storage = _s3()
    threshold = settings.ECOC_HUB_S3_REDIRECT_OVER_BYTES
    if storage is None or threshold <= 0 or size <= threshold:
        return None
    return str(
        storage.url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            expire=settings.ECOC_HUB_S3_SIGNED_URL_SECONDS,
        )
    )
