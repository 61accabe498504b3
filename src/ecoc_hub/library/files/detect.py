"""Recognising a file's format by its content (magic bytes and structure)."""

from __future__ import annotations

import warnings
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .rules import _ODF_MIMETYPES, _OOXML_MAIN, UploadRejected


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
