"""Profile photos: checked by their content and re-encoded, which drops every
piece of metadata (EXIF location, camera serials, comments) the upload carried."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
PHOTO_SIDE = 800
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str

    @property
    def name(self) -> str:
        digest = hashlib.sha256(self.content).hexdigest()
        return f"{digest}.{self.extension}"


def clean_photo(upload: IO[bytes], size: int) -> CleanPhoto:
    """Return the photo re-encoded without metadata, or raise ValidationError."""
    return clean_image(
        upload,
        size,
        max_bytes=MAX_PHOTO_BYTES,
        side=PHOTO_SIDE,
        too_large=_("The photo is too large: the limit is %(limit)s MB."),
    )


def clean_image(
    upload: IO[bytes], size: int, *, max_bytes: int, side: int, too_large: Any
) -> CleanPhoto:
    """An uploaded JPEG, PNG or WebP image checked by its content, scaled
    down to at most ``side`` pixels and re-encoded without metadata, or a
    ValidationError (``too_large`` names the limit as ``%(limit)s`` MB).
    Profile photos and course covers (courses/covers.py) both use it."""
    if size > max_bytes:
        raise ValidationError(
            too_large, code="too_large", params={"limit": max_bytes // (1024 * 1024)}
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
    if width * height > MAX_IMAGE_PIXELS:
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
    image.thumbnail((side, side))
    extension = ALLOWED_FORMATS[image_format]
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image_format in ("PNG", "WEBP") and image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    output = io.BytesIO()
    # A fresh save without exif=, icc_profile= or pnginfo= writes pixels only.
    image.save(output, format=image_format, quality=85)
    return CleanPhoto(content=output.getvalue(), extension=extension)
