"""Checks for uploaded audio, artwork, transcripts and chapters, and the
content-addressed storage the accepted files go to.

Every check reads the content, never the file name or the browser's type, and
raises a ValidationError with a message meant for the person who uploaded.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from typing import IO, Any

import mutagen
import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ARTWORK_MIN_PX = 1400
ARTWORK_MAX_PX = 3000
ARTWORK_MAX_BYTES = 10 * 1024 * 1024
TRANSCRIPT_MAX_BYTES = 2 * 1024 * 1024
CHAPTERS_MAX_BYTES = 512 * 1024
MAX_AUDIO_SECONDS = 24 * 3600


def max_audio_bytes() -> int:
    return settings.ECOC_HUB_MAX_UPLOAD_MB * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed its checks, with what was read from it."""

    content: IO[bytes]
    sha256: str
    size: int
    mime: str
    extension: str
    duration: float = 0.0


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _size(handle: IO[bytes]) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
    return int(size)


def check_audio(handle: IO[bytes]) -> CheckedFile:
    """Accept an MP3 or M4A (AAC) file; read its duration, size and type."""
    size = _size(handle)
    limit = max_audio_bytes()
    if size > limit:
        raise ValidationError(
            _("The audio file is %(size)s MB; the largest accepted is %(limit)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "limit": limit // 1024 // 1024},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The audio file is empty."), code="empty")
    handle.seek(0)
    try:
        audio = mutagen.File(handle)
    except mutagen.MutagenError:
        audio = None
    handle.seek(0)
    kind = type(audio).__name__ if audio is not None else ""
    if kind == "MP3":
        mime, extension = "audio/mpeg", "mp3"
    elif kind == "MP4" and str(getattr(audio.info, "codec", "")).startswith("mp4a"):
        mime, extension = "audio/mp4", "m4a"
    else:
        raise ValidationError(
            _("This file is not MP3 or M4A (AAC) audio. Upload an MP3 or M4A file."),
            code="not_audio",
        )
    duration = float(audio.info.length or 0)
    if not 0 < duration <= MAX_AUDIO_SECONDS:
        raise ValidationError(
            _("The audio file has no playable length. Export it again and retry."),
            code="no_duration",
        )
    return CheckedFile(
        content=handle,
        sha256=_sha256(handle),
        size=size,
        mime=mime,
        extension=extension,
        duration=round(duration, 3),
    )


def check_artwork(handle: IO[bytes]) -> CheckedFile:
    """Accept a square RGB JPEG or PNG between 1400 and 3000 pixels."""
    size = _size(handle)
    if size > ARTWORK_MAX_BYTES:
        raise ValidationError(
            _("The artwork is larger than 10 MB. Save it with more compression."),
            code="too_large",
        )
    handle.seek(0)
    try:
        with Image.open(handle) as image:
            image_format, mode, (width, height) = image.format, image.mode, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(
            _("This file is not a JPEG or PNG image."), code="not_image"
        ) from None
    handle.seek(0)
    if image_format not in {"JPEG", "PNG"}:
        raise ValidationError(
            _("The artwork must be a JPEG or PNG image, not %(format)s.")
            % {"format": image_format},
            code="format",
        )
    if mode != "RGB":
        raise ValidationError(
            _(
                "The artwork must use RGB colour (it uses %(mode)s). Save it as "
                "RGB without transparency or a colour palette."
            )
            % {"mode": mode},
            code="mode",
        )
    if width != height:
        raise ValidationError(
            _("The artwork must be square; it is %(width)s by %(height)s pixels.")
            % {"width": width, "height": height},
            code="not_square",
        )
    if not ARTWORK_MIN_PX <= width <= ARTWORK_MAX_PX:
        raise ValidationError(
            _(
                "The artwork is %(width)s by %(height)s pixels; it must be between "
                "1400 and 3000 pixels wide."
            )
            % {"width": width, "height": height},
            code="dimensions",
        )
    jpeg = image_format == "JPEG"
    return CheckedFile(
        content=handle,
        sha256=_sha256(handle),
        size=size,
        mime="image/jpeg" if jpeg else "image/png",
        extension="jpg" if jpeg else "png",
    )


def store(checked: CheckedFile, *, folder: str) -> str:
    """Save under a name made of the content hash; a name is never reused for
    other bytes, and identical uploads share one file."""
    name = (
        f"podcasts/{folder}/{checked.sha256[:2]}/{checked.sha256}.{checked.extension}"
    )
    if not default_storage.exists(name):
        checked.content.seek(0)
        saved = default_storage.save(name, File(checked.content))
        if saved != name:  # a concurrent upload of the same bytes won the race
            default_storage.delete(saved)
    return name


_TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")


def _seconds(timestamp: str) -> float:
    match = _TIMESTAMP.match(timestamp.strip())
    if match is None:
        raise ValueError(timestamp)
    hours, minutes, seconds, millis = match.groups()
    return (
        int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
    )


def parse_transcript(text: str) -> list[dict[str, Any]]:
    """Parse WebVTT into cues: start and end in seconds, speaker (from a
    ``<v Name>`` tag, may be empty) and plain text."""
    if len(text.encode("utf-8")) > TRANSCRIPT_MAX_BYTES:
        raise ValidationError(
            _("The transcript is larger than 2 MB."), code="too_large"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("A WebVTT transcript must start with the line WEBVTT."), code="header"
        )
    # Counted before parsing: each cue becomes a row of the search index.
    count = sum(1 for line in text.split("\n") if "-->" in line)
    if count > settings.ECOC_HUB_MAX_CUES:
        raise ValidationError(
            _(
                "The transcript has %(count)s cues; at most %(max)s are accepted. "
                "Merge short cues into longer ones."
            )
            % {
                "count": number_format(count, force_grouping=True),
                "max": number_format(settings.ECOC_HUB_MAX_CUES, force_grouping=True),
            },
            code="too_many_cues",
        )
    try:
        captions = webvtt.from_string(text, strict=True).captions
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError):
        raise ValidationError(
            _(
                "This is not valid WebVTT. Each cue needs a line like "
                "00:00:01.000 --> 00:00:04.000 followed by its text."
            ),
            code="malformed",
        ) from None
    cues: list[dict[str, Any]] = []
    for number, caption in enumerate(captions, start=1):
        try:
            start, end = _seconds(caption.start), _seconds(caption.end)
        except ValueError:
            raise ValidationError(
                _("Cue %(number)s has a timestamp that cannot be read.")
                % {"number": number},
                code="timestamp",
            ) from None
        if end <= start:
            raise ValidationError(
                _("Cue %(number)s (%(start)s) ends before it starts.")
                % {"number": number, "start": caption.start},
                code="order",
            )
        if cues and start < cues[-1]["start"]:
            raise ValidationError(
                _("Cue %(number)s (%(start)s) starts before the cue above it.")
                % {"number": number, "start": caption.start},
                code="order",
            )
        body = " ".join(caption.text.split())
        if not body:
            continue
        cues.append(
            {"start": start, "end": end, "speaker": caption.voice or "", "text": body}
        )
    if not cues:
        raise ValidationError(_("The transcript has no cues."), code="empty")
    return cues


def read_text_upload(handle: IO[bytes], *, limit: int) -> str:
    if _size(handle) > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s kB.") % {"limit": limit // 1024},
            code="too_large",
        )
    handle.seek(0)
    try:
        return handle.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text."), code="encoding"
        ) from None


_CHAPTER_KEYS = {"startTime", "endTime", "title", "img", "url", "toc", "location"}
_TOP_STRINGS = {"author", "title", "podcastName", "description", "fileName"}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_web_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def parse_chapters(text: str) -> dict[str, Any]:
    """Validate JSON chapters (Podcasting 2.0 chapters format, version 1.2.0)."""
    if len(text.encode("utf-8")) > CHAPTERS_MAX_BYTES:
        raise ValidationError(_("The chapters file is larger than 512 kB."))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _("The chapters are not valid JSON (line %(line)s, column %(column)s).")
            % {"line": exc.lineno, "column": exc.colno},
            code="json",
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(
            _("The chapters must be a JSON object with version and chapters.")
        )
    if data.get("version") != "1.2.0":
        raise ValidationError(_('The chapters must declare "version": "1.2.0".'))
    for key in _TOP_STRINGS & data.keys():
        if not isinstance(data[key], str):
            raise ValidationError(
                _('"%(key)s" must be a string.') % {"key": key}, code="type"
            )
    chapters = data.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        raise ValidationError(_('"chapters" must be a non-empty list.'))
    previous = -1.0
    for number, chapter in enumerate(chapters, start=1):
        problem = _chapter_problem(chapter, previous)
        if problem:
            raise ValidationError(
                _("Chapter %(number)s: %(problem)s")
                % {"number": number, "problem": problem},
                code="chapter",
            )
        previous = float(chapter["startTime"])
    return data


def _chapter_problem(chapter: object, previous: float) -> str:
    if not isinstance(chapter, dict):
        return _("each chapter must be a JSON object.")
    unknown = sorted(chapter.keys() - _CHAPTER_KEYS)
    if unknown:
        return _("unknown field %(field)s.") % {"field": unknown[0]}
    if not _is_number(chapter.get("startTime")) or chapter["startTime"] < 0:
        return _("startTime must be a number of seconds, 0 or more.")
    start = float(chapter["startTime"])
    if start < previous:
        return _("chapters must be in order of startTime.")
    end = chapter.get("endTime")
    if end is not None and (not _is_number(end) or end <= start):
        return _("endTime must be a number greater than startTime.")
    if "title" in chapter and not isinstance(chapter["title"], str):
        return _("title must be a string.")
    for key in ("img", "url"):
        if key in chapter and not _is_web_url(chapter[key]):
            return _("%(field)s must be an http or https URL.") % {"field": key}
    if "toc" in chapter and not isinstance(chapter["toc"], bool):
        return _("toc must be true or false.")
    location = chapter.get("location")
    if location is not None and not (
        isinstance(location, dict)
        and isinstance(location.get("name"), str)
        and isinstance(location.get("geo"), str)
    ):
        return _("location must be an object with name and geo strings.")
    return ""
