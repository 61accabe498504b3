"""Course cover images (issue 14): checked by their content with Pillow,
re-encoded (which drops every piece of metadata the upload carried) and
scaled down to at most ``COVER_SIDE`` pixels on their longer side."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ecoc_hub.core.storedfiles import StoredFile

MAX_COVER_BYTES = 8 * 1024 * 1024
MAX_COVER_PIXELS = 40_000_000
COVER_SIDE = 1600
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CleanCover:
    content: bytes
    extension: str

    @property
    def name(self) -> str:
        return f"{hashlib.sha256(self.content).hexdigest()}.{self.extension}"


def clean_cover(upload: IO[bytes], size: int) -> CleanCover:
    """The image re-encoded without metadata, or a ValidationError."""
    if size > MAX_COVER_BYTES:
        raise ValidationError(
            _("The image is too large: the limit is %(limit)s MB."),
            code="too_large",
            params={"limit": MAX_COVER_BYTES // (1024 * 1024)},
        )
    invalid = ValidationError(
        _("Upload a JPEG, PNG or WebP image."), code="invalid_image"
    )
    try:
        with Image.open(upload) as probe:
            image_format = probe.format or ""
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise invalid from error
    if image_format not in ALLOWED_FORMATS:
        raise invalid
    if width * height > MAX_COVER_PIXELS:
        raise ValidationError(
            _("The image has too many pixels."), code="too_many_pixels"
        )
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise invalid from error
    image.thumbnail((COVER_SIDE, COVER_SIDE))
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image_format in ("PNG", "WEBP") and image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    output = io.BytesIO()
    # A fresh save without exif=, icc_profile= or pnginfo= writes pixels only.
    image.save(output, format=image_format, quality=85)
    return CleanCover(
        content=output.getvalue(), extension=ALLOWED_FORMATS[image_format]
    )


def stored_covers() -> Iterator[StoredFile]:
    """Every course's cover, for backup and fixity (re-encoded: no hash kept)."""
    from .models import Course

    for name in Course.objects.exclude(cover="").values_list("cover", flat=True):
        yield StoredFile(name=name)
