"""The upload pipeline: stream to a temporary file, hash while writing, recognise
the format by its content, then store it once under its SHA-256.

Nothing reaches storage before the content is validated, and a file moved into
place inside a transaction that then fails is removed again
(``atomic_with_files``), so a record never points to a missing file and no
orphan stays behind.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import Blob

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


# Names written to storage inside the current ``atomic_with_files`` block.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "library_written_files", default=None
)


def limit_bytes(family: str) -> int:
    overall = settings.ECOC_HUB_MAX_UPLOAD_MB
    per_family = settings.ECOC_HUB_UPLOAD_LIMITS_MB.get(family, overall)
    return min(overall, per_family) * 1024 * 1024


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


def stage_upload(*, source: IO[bytes] | Iterable[bytes], filename: str) -> StagedFile:
    """Validate an upload into a temporary file; raise ``UploadRejected``."""
    extension = extension_of(filename)
    if extension not in EXTENSIONS:
        raise UploadRejected(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension or _("none"), "allowed": _allowed_message()}
        )
    expected_kind, family = EXTENSIONS[extension]
    limit = limit_bytes(family)
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept beyond this block
        prefix="upload-", suffix="." + extension, delete=False
    )
    path = Path(handle.name)
    try:
        with handle:
            chunks: Iterable[bytes]
            read = getattr(source, "read", None)
            if hasattr(source, "chunks"):
                chunks = source.chunks(CHUNK)
            elif read is not None:
                chunks = iter(lambda: read(CHUNK), b"")
            else:
                chunks = source
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadRejected(
                        _(
                            "“%(name)s” is larger than the %(mb)s MB allowed for "
                            "this type of file."
                        )
                        % {"name": filename, "mb": limit // (1024 * 1024)}
                    )
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise UploadRejected(_("“%(name)s” is empty.") % {"name": filename})
        detected = detect_kinds(path)
        if expected_kind not in detected:
            if detected:
                raise UploadRejected(
                    _(
                        "“%(name)s” is named as %(claimed)s but its content is "
                        "%(found)s. Rename it or upload the right file."
                    )
                    % {
                        "name": filename,
                        "claimed": expected_kind.upper(),
                        "found": " / ".join(sorted(k.upper() for k in detected)),
                    }
                )
            raise UploadRejected(
                _(
                    "“%(name)s” is not a valid %(claimed)s file (it may be damaged "
                    "or truncated)."
                )
                % {"name": filename, "claimed": expected_kind.upper()}
            )
        check_counts(path, expected_kind, filename)
    except UploadRejected:
        with suppress(FileNotFoundError):
            path.unlink()
        raise
    except BaseException:
        with suppress(FileNotFoundError):
            path.unlink()
        raise
    return StagedFile(
        path=path,
        sha256=digest.hexdigest(),
        size=size,
        kind=expected_kind,
        media_type=MEDIA_TYPES[expected_kind],
        original_name=Path(filename).name[:255],
    )


# Pages, slides and cues -------------------------------------------------------


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


def _pptx_slides(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(1 for name in archive.namelist() if _PPTX_SLIDE.fullmatch(name))


_PPTX_SLIDE = re.compile(r"ppt/slides/slide[0-9]{1,9}\.xml")


def check_counts(path: Path, kind: str, filename: str) -> None:
    """Refuse a file holding more pages, slides or cues than the settings
    allow, before it is stored: each would become a row of the index.

    Counted cheaply (PDFium's page tree, the slide parts of a PPTX, the timing
    lines of a WebVTT file); the extractor counts again, and ODP slides only
    there, since they are known only once content.xml is parsed.
    """
    if kind == "pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            count = len(document)
        finally:
            document.close()
        limit = settings.ECOC_HUB_MAX_PAGES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s pages; files of more than %(max)s "
                    "pages are not accepted. Split it into parts."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )
    elif kind == "pptx":
        count, limit = _pptx_slides(path), settings.ECOC_HUB_MAX_SLIDES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s slides; presentations of more than "
                    "%(max)s slides are not accepted. Split it into parts."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )
    elif kind == "vtt":
        from .extract import count_cues

        count, limit = count_cues(path.read_bytes()), settings.ECOC_HUB_MAX_CUES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s cues; caption files of more than "
                    "%(max)s cues are not accepted."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )


# Content detection ----------------------------------------------------------


def detect_kinds(path: Path) -> set[str]:
    """The formats this content is, judged by magic bytes and structure."""
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(b"%PDF-"):
        return {"pdf"} if _pdf_opens(path) else set()
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _image_kind(path)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _image_kind(path)
    if head[4:8] == b"ftyp":
        return _mp4_kind(path)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return {"webm"} if b"webm" in head else set()
    if head.startswith(b"OggS"):
        return _mutagen_kind(path, "ogg")
    if head.startswith(b"ID3") or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return _mutagen_kind(path, "mp3")
    return _text_kinds(path)


def _pdf_opens(path: Path) -> bool:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return False
    try:
        return len(document) > 0
    finally:
        document.close()


def _zip_kind(path: Path) -> set[str]:
    max_unpacked = settings.ECOC_HUB_ZIP_MAX_UNPACKED_MB * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > settings.ECOC_HUB_ZIP_MAX_FILES:
                raise UploadRejected(
                    _(
                        "This archive-based file holds %(count)s parts; at most "
                        "%(max)s are allowed."
                    )
                    % {"count": len(infos), "max": settings.ECOC_HUB_ZIP_MAX_FILES}
                )
            unpacked = sum(info.file_size for info in infos)
            if unpacked > max_unpacked:
                raise UploadRejected(
                    _(
                        "This archive-based file would unpack to %(mb)s MB; at most "
                        "%(max)s MB are allowed."
                    )
                    % {
                        "mb": unpacked // (1024 * 1024),
                        "max": settings.ECOC_HUB_ZIP_MAX_UNPACKED_MB,
                    }
                )
            names = {info.filename: info for info in infos}
            mimetype = names.get("mimetype")
            if mimetype is not None and mimetype.file_size < 200:
                value = archive.read(mimetype).decode("ascii", "replace").strip()
                if value in _ODF_MIMETYPES and "content.xml" in names:
                    return {_ODF_MIMETYPES[value]}
                return set()
            types = names.get("[Content_Types].xml")
            if types is not None and types.file_size < 1024 * 1024:
                content = archive.read(types).decode("utf-8", "replace")
                return {k for k, marker in _OOXML_MAIN.items() if marker in content}
    except (
        zipfile.BadZipFile,
        zlib.error,  # a damaged compressed part
        RuntimeError,  # an encrypted part
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ):
        return set()
    return set()


def _image_kind(path: Path) -> set[str]:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image_format = image.format
                image.verify()
    except Exception:
        return set()
    return {
        {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}.get(image_format or "", "")
    } - {""}


def _mp4_kind(path: Path) -> set[str]:
    """An ISO media file: a chain of well-formed top-level boxes, ftyp first,
    with a moov box (video without sound is valid, so not mutagen alone)."""
    size = path.stat().st_size
    seen: list[bytes] = []
    with path.open("rb") as handle:
        offset = 0
        while offset < size and len(seen) < 1000:
            handle.seek(offset)
            header = handle.read(16)
            if len(header) < 8:
                return set()
            length = int.from_bytes(header[:4], "big")
            box = header[4:8]
            if length == 1 and len(header) == 16:
                length = int.from_bytes(header[8:16], "big")
            elif length == 0:
                length = size - offset
            if length < 8 or offset + length > size or not box.isascii():
                return set()
            seen.append(box)
            offset += length
    if not seen or seen[0] != b"ftyp" or b"moov" not in seen:
        return set()
    return {"mp4", "m4a"}


def _mutagen_kind(path: Path, kind: str) -> set[str]:
    import mutagen

    try:
        parsed = mutagen.File(path)
    except Exception:
        return set()
    if parsed is None:
        return set()
    name = type(parsed).__name__
    if kind == "ogg" and name.startswith("Ogg"):
        return {"ogg"}
    if kind == "mp3" and name == "MP3":
        return {"mp3"}
    return set()


def _text_kinds(path: Path) -> set[str]:
    data = path.read_bytes()
    if b"\x00" in data:
        return set()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return set()
    kinds = {"txt", "md", "html"}
    if text.lstrip().startswith("WEBVTT"):
        import webvtt

        try:
            webvtt.read(str(path))
        except Exception:
            return kinds
        kinds.add("vtt")
    return kinds


# Storage ----------------------------------------------------------------------


def storage_name_for(sha256: str) -> str:
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def store_blob(staged: StagedFile) -> Blob:
    """The Blob for this content, writing it to storage only if it is new."""
    try:
        blob = Blob.objects.filter(sha256=staged.sha256).first()
        name = storage_name_for(staged.sha256)
        if blob is not None and default_storage.exists(blob.storage_name):
            return blob
        if not default_storage.exists(name):
            with staged.path.open("rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:  # pragma: no cover - storage renamed on a race
                default_storage.delete(saved)
                raise UploadRejected(_("The file could not be stored; try again."))
            written = _written.get()
            if written is not None:
                written.append(name)
        if blob is None:
            blob = Blob.objects.create(
                sha256=staged.sha256,
                size=staged.size,
                media_type=staged.media_type,
                storage_name=name,
            )
        return blob
    finally:
        staged.discard()


def store_bytes(data: bytes, *, media_type: str) -> Blob:
    """Store generated content (thumbnails) the same way as uploads."""
    handle = tempfile.NamedTemporaryFile(delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
    staged = StagedFile(
        path=Path(handle.name),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        kind="",
        media_type=media_type,
        original_name="",
    )
    return store_blob(staged)


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """``transaction.atomic`` that also removes files it wrote if it rolls back."""
    written: list[str] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in written:
            if not Blob.objects.filter(storage_name=name).exists():
                default_storage.delete(name)
        raise
    finally:
        _written.reset(token)


def open_blob(blob: Blob) -> IO[bytes]:
    return default_storage.open(blob.storage_name, "rb")


def local_path(blob: Blob) -> Path | None:
    try:
        return Path(default_storage.path(blob.storage_name))
    except NotImplementedError:
        return None
