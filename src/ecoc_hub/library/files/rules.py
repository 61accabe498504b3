"""What may be uploaded: the accepted types, their media types, size limits."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CHUNK = 1024 * 1024

# Extension → (kind, family). The family chooses the size limit.
EXTENSIONS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "document"),
    "docx": ("docx", "document"),
    "pptx": ("pptx", "document"),
    "xlsx": ("xlsx", "document"),
    "odt": ("odt", "document"),
    "odp": ("odp", "document"),
    "txt": ("txt", "text"),
    "md": ("md", "text"),
    "markdown": ("md", "text"),
    "html": ("html", "text"),
    "htm": ("html", "text"),
    "jpg": ("jpeg", "image"),
    "jpeg": ("jpeg", "image"),
    "png": ("png", "image"),
    "webp": ("webp", "image"),
    "mp3": ("mp3", "audio"),
    "m4a": ("m4a", "audio"),
    "ogg": ("ogg", "audio"),
    "oga": ("ogg", "audio"),
    "mp4": ("mp4", "video"),
    "webm": ("webm", "video"),
    "vtt": ("vtt", "captions"),
}

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "vtt": "text/vtt; charset=utf-8",
}

_OOXML_MAIN = {
    "docx": "wordprocessingml.document.main+xml",
    "pptx": "presentationml.presentation.main+xml",
    "xlsx": "spreadsheetml.sheet.main+xml",
}
_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


class UploadRejected(Exception):
    """A file refused with a message the uploader can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class StagedFile:
    path: Path
    sha256: str
    size: int
    kind: str
    media_type: str
    original_name: str

    def discard(self) -> None:
        with suppress(FileNotFoundError):
            self.path.unlink()


def limit_bytes(family: str) -> int:
    overall = settings.ECOC_HUB_MAX_UPLOAD_MB
    per_family = settings.ECOC_HUB_UPLOAD_LIMITS_MB.get(family, overall)
    return min(overall, per_family) * 1024 * 1024


def count_limits() -> list[tuple[str, str]]:
    """(family, sentence) rows: the count limits shown next to the size ones."""
    pages, slides = settings.ECOC_HUB_MAX_PAGES, settings.ECOC_HUB_MAX_SLIDES
    cues = settings.ECOC_HUB_MAX_CUES
    return [
        (
            "document",
            _("PDF up to %(pages)s pages, presentations up to %(slides)s slides")
            % {
                "pages": number_format(pages, force_grouping=True),
                "slides": number_format(slides, force_grouping=True),
            },
        ),
        (
            "captions",
            _("up to %(cues)s cues")
            % {"cues": number_format(cues, force_grouping=True)},
        ),
    ]


def allowed_types_summary() -> list[tuple[str, str, int, str]]:
    """(family label, extensions, limit in MB, other limits) rows for forms
    and messages; the last is "" when only the size is limited."""
    labels = {
        "document": _("Documents"),
        "text": _("Text"),
        "image": _("Images"),
        "audio": _("Audio"),
        "video": _("Video"),
        "captions": _("Captions"),
    }
    counts = dict(count_limits())
    rows = []
    for family, label in labels.items():
        extensions = ", ".join(
            ext for ext, (_kind, fam) in EXTENSIONS.items() if fam == family
        )
        mb = limit_bytes(family) // (1024 * 1024)
        rows.append((label, extensions, mb, counts.get(family, "")))
    return rows


def _allowed_message() -> str:
    parts = [
        _("%(label)s: %(extensions)s (up to %(mb)s MB)")
        % {"label": label, "extensions": extensions, "mb": mb}
        for label, extensions, mb, _counts in allowed_types_summary()
    ]
    return "; ".join(parts)


def extension_of(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")
