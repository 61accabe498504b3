"""Course cover images (issue 14): checked by their content with Pillow,
re-encoded (which drops every piece of metadata the upload carried) and
scaled down to at most ``COVER_SIDE`` pixels on their longer side."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.photos import CONTENT_TYPES, clean_image
from ecoc_hub.accounts.photos import CleanPhoto as CleanCover
from ecoc_hub.core.storedfiles import StoredFile

MAX_COVER_BYTES = 8 * 1024 * 1024
COVER_SIDE = 1600

__all__ = [
    "CONTENT_TYPES",
    "COVER_SIDE",
    "MAX_COVER_BYTES",
    "CleanCover",
    "clean_cover",
    "stored_covers",
]


def clean_cover(upload: IO[bytes], size: int) -> CleanCover:
    """The image re-encoded without metadata, or a ValidationError: the
    profile photos' check (accounts/photos.py) with a cover's limits."""
    return clean_image(
        upload,
        size,
        max_bytes=MAX_COVER_BYTES,
        side=COVER_SIDE,
        too_large=_("The image is too large: the limit is %(limit)s MB."),
    )


def stored_covers() -> Iterator[StoredFile]:
    """Every course's cover, for backup and fixity (re-encoded: no hash kept)."""
    from .models import Course

    for name in Course.objects.exclude(cover="").values_list("cover", flat=True):
        yield StoredFile(name=name)
