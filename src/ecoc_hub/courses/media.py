"""Video and audio lessons: checking an uploaded file by its content, its
WebVTT captions, content-addressed storage without orphans, and the parts a
learner played.

Accepted: MP3 and M4A (AAC) audio, MP4 and WebM video. The type and the
duration are read from the bytes (mutagen for MP3 and M4A, the MP4 atoms and
the WebM (EBML) header for video), never from the file name or the
browser's type. Every check raises a ValidationError meant for the author.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, Any

import mutagen
import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CAPTIONS_MAX_BYTES = 2 * 1024 * 1024
MAX_SECONDS = 24 * 3600
FOLDER = "courses/media"


def format_name(mime: str) -> str:
    """The format as a person names it."""
    return {
        "audio/mpeg": _("MP3 audio"),
        "audio/mp4": _("M4A audio"),
        "video/mp4": _("MP4 video"),
        "video/webm": _("WebM video"),
    }.get(mime, _("Unknown format"))


def max_media_bytes() -> int:
    return settings.ECOC_HUB_MAX_UPLOAD_MB * 1024 * 1024


@dataclass(frozen=True)
class CheckedMedia:
    """An upload that passed its checks, with what was read from it."""

    content: IO[bytes]
    sha256: str
    size: int
    mime: str
    extension: str
    duration: float


def _size(handle: IO[bytes]) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
    handle.seek(0)
    return int(size)


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


# MP4 (ISO base media): the boxes are walked to the movie header (duration)
# and the tracks' handlers (a "vide" handler makes it a video).


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        header = 8
        if size == 1:
            if position + 16 > end:
                return
            size = struct.unpack(">Q", data[position + 8 : position + 16])[0]
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            return
        yield kind, position + header, position + size
        position += size


def _mp4_video(handle: IO[bytes], size: int) -> float | None:
    """The duration of an MP4 file with a video track, None if it is not one."""
    handle.seek(0)
    head = handle.read(12)
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    handle.seek(0)
    # The movie box may sit at the end (not "fast start"): find it by walking
    # the top-level boxes, reading only their headers.
    position, moov = 0, b""
    while position + 8 <= size:
        handle.seek(position)
        header = handle.read(16)
        box_size, kind = struct.unpack(">I4s", header[:8])
        if box_size == 1:
            box_size = struct.unpack(">Q", header[8:16])[0]
        elif box_size == 0:
            box_size = size - position
        if box_size < 8:
            return None
        if kind == b"moov":
            if box_size > 64 * 1024 * 1024:
                return None
            handle.seek(position)
            moov = handle.read(box_size)
            break
        position += box_size
    if not moov:
        return None
    duration, video = 0.0, False
    for kind, start, end in _boxes(moov, 8, len(moov)):
        if kind == b"mvhd" and end - start >= 20:
            version = moov[start]
            if version == 1 and end - start >= 32:
                scale, length = struct.unpack(">IQ", moov[start + 20 : start + 32])
            else:
                scale, length = struct.unpack(">II", moov[start + 12 : start + 20])
            duration = length / scale if scale else 0.0
        elif kind == b"trak":
            for mdia, m_start, m_end in _boxes(moov, start, end):
                if mdia != b"mdia":
                    continue
                for hdlr, h_start, _h_end in _boxes(moov, m_start, m_end):
                    if hdlr == b"hdlr" and moov[h_start + 8 : h_start + 12] == b"vide":
                        video = True
    return duration if video else None


# WebM (Matroska): EBML elements; the header's DocType must be "webm" and the
# segment's Info gives TimecodeScale and Duration.

_EBML, _DOCTYPE, _SEGMENT, _INFO = 0x1A45DFA3, 0x4282, 0x18538067, 0x1549A966
_TIMECODE_SCALE, _DURATION = 0x2AD7B1, 0x4489


def _vint(data: bytes, position: int, *, keep_marker: bool) -> tuple[int, int]:
    """(value, length) of the variable-length integer at ``position``."""
    first = data[position]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or position + length > len(data):
        raise ValueError("bad vint")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    return value, length


def _elements(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    position = start
    while position < end:
        element, id_length = _vint(data, position, keep_marker=True)
        size, size_length = _vint(data, position + id_length, keep_marker=False)
        body = position + id_length + size_length
        unknown = size == (1 << (7 * size_length)) - 1
        stop = end if unknown else min(body + size, end)
        yield element, body, stop
        position = stop


def _webm_duration(handle: IO[bytes]) -> float | None:
    handle.seek(0)
    data = handle.read(1024 * 1024)
    if not data.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    try:
        elements = list(_elements(data, 0, len(data)))
        header = next((e for e in elements if e[0] == _EBML), None)
        if header is None:
            return None
        doctype = next(
            (
                data[s:e]
                for i, s, e in _elements(data, header[1], header[2])
                if i == _DOCTYPE
            ),
            b"",
        )
        if doctype.rstrip(b"\x00") != b"webm":
            return None
        segment = next((e for e in elements if e[0] == _SEGMENT), None)
        if segment is None:
            return None
        for element, start, end in _elements(data, segment[1], segment[2]):
            if element != _INFO:
                continue
            scale, duration = 1_000_000, 0.0
            for item, i_start, i_end in _elements(data, start, end):
                raw = data[i_start:i_end]
                if item == _TIMECODE_SCALE and raw:
                    scale = int.from_bytes(raw, "big")
                elif item == _DURATION and len(raw) in {4, 8}:
                    duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
            return duration * scale / 1e9
    except (ValueError, IndexError, struct.error):
        return None
    return None


def check_media(handle: IO[bytes]) -> CheckedMedia:
    """Accept MP3 or M4A audio, or MP4 or WebM video; read type and duration."""
    size = _size(handle)
    limit = max_media_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "limit": limit // 1024 // 1024},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    duration: float | None
    mime = extension = ""
    duration = _mp4_video(handle, size)
    if duration is not None:
        mime, extension = "video/mp4", "mp4"
    else:
        duration = _webm_duration(handle)
        if duration is not None:
            mime, extension = "video/webm", "webm"
    if not mime:
        handle.seek(0)
        try:
            audio = mutagen.File(handle)
        except (mutagen.MutagenError, struct.error, ValueError):
            audio = None
        kind = type(audio).__name__ if audio is not None else ""
        if kind == "MP3":
            mime, extension = "audio/mpeg", "mp3"
        elif kind == "MP4" and str(getattr(audio.info, "codec", "")).startswith("mp4a"):
            mime, extension = "audio/mp4", "m4a"
        if mime:
            duration = float(audio.info.length or 0)
    handle.seek(0)
    if not mime:
        raise ValidationError(
            _(
                "This file is not MP3 or M4A audio, nor MP4 or WebM video. "
                "Upload a file in one of these formats."
            ),
            code="not_media",
        )
    if not duration or not 0 < duration <= MAX_SECONDS or math.isnan(duration):
        raise ValidationError(
            _("The file has no playable length. Export it again and retry."),
            code="no_duration",
        )
    return CheckedMedia(
        content=handle,
        sha256=_sha256(handle),
        size=size,
        mime=mime,
        extension=extension,
        duration=round(duration, 3),
    )


# Storage: content-addressed names; a file written inside a transaction that
# rolls back is removed again, and a file no lesson uses any more is deleted
# once the transaction that released it commits.

_written: ContextVar[list[str] | None] = ContextVar("courses_media", default=None)


def _in_use(name: str) -> bool:
    from .models import Lesson

    return Lesson.objects.filter(media=name).exists()


@contextmanager
def atomic_with_media() -> Iterator[None]:
    """``transaction.atomic`` that removes the media it stored if it fails."""
    outer = _written.get()
    written: list[str] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in written:
            if not _in_use(name):
                default_storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


def store(checked: CheckedMedia) -> str:
    name = f"{FOLDER}/{checked.sha256[:2]}/{checked.sha256}.{checked.extension}"
    if not default_storage.exists(name):
        checked.content.seek(0)
        saved = default_storage.save(name, File(checked.content))
        if saved != name:  # a concurrent upload of the same bytes won the race
            default_storage.delete(saved)
        written = _written.get()
        if written is not None:
            written.append(name)
    return name


def release(name: str) -> None:
    """Delete ``name`` after the commit unless a lesson still uses it."""
    if not name:
        return

    def drop() -> None:
        if not _in_use(name):
            default_storage.delete(name)

    transaction.on_commit(drop)


# Captions: WebVTT parsed into cues (start and end in seconds, speaker from a
# ``<v Name>`` tag, plain text), as the podcasts' transcripts are.

_TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")


def _seconds(timestamp: str) -> float:
    match = _TIMESTAMP.match(timestamp.strip())
    if match is None:
        raise ValueError(timestamp)
    hours, minutes, seconds, millis = match.groups()
    return (
        int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
    )


def read_captions(handle: IO[bytes]) -> str:
    if _size(handle) > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            _("The captions file is larger than 2 MB."), code="too_large"
        )
    handle.seek(0)
    try:
        return handle.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The captions file is not UTF-8 text."), code="encoding"
        ) from None


def parse_captions(text: str) -> list[dict[str, Any]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("A WebVTT file must start with the line WEBVTT."), code="header"
        )
    count = sum(1 for line in text.split("\n") if "-->" in line)
    if count > settings.ECOC_HUB_MAX_CUES:
        raise ValidationError(
            _("The captions have %(count)s cues; at most %(max)s are accepted.")
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
        if end <= start or (cues and start < cues[-1]["start"]):
            raise ValidationError(
                _("Cue %(number)s (%(start)s) is out of order.")
                % {"number": number, "start": caption.start},
                code="order",
            )
        body = " ".join(caption.text.split())
        if body:
            cues.append(
                {
                    "start": start,
                    "end": end,
                    "speaker": caption.voice or "",
                    "text": body,
                }
            )
    if not cues:
        raise ValidationError(_("The captions have no cues."), code="empty")
    return cues


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def clock(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# The parts played: sorted, disjoint [start, end] intervals of seconds.


def merge(intervals: list[list[float]]) -> list[list[float]]:
    merged: list[list[float]] = []
    for start, end in sorted([float(a), float(b)] for a, b in intervals):
        if merged and start <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [[round(a, 2), round(b, 2)] for a, b in merged]


def covered(intervals: list[list[float]]) -> float:
    return sum(end - start for start, end in merge(intervals))


# A silent MP3 for the demo (the podcasts demo's approach when no speech
# synthesiser is installed): constant-bit-rate MPEG-1 Layer III frames at
# 32 kbit/s, 48 kHz, mono, each 24 ms of digital silence.

_FRAME = bytes([0xFF, 0xFB, 0x14, 0xC0]) + bytes(96 - 4)
_FRAME_SECONDS = 1152 / 48_000


def silent_mp3(seconds: float) -> bytes:
    return _FRAME * max(1, math.ceil(round(seconds / _FRAME_SECONDS, 6)))


def lesson_files() -> Iterator[Any]:
    """The lessons' media, for backup and fixity (``core.storedfiles``)."""
    from ecoc_hub.core.storedfiles import StoredFile

    from .models import Lesson

    for name, sha256 in (
        Lesson.objects.exclude(media="").values_list("media", "media_sha256").distinct()
    ):
        yield StoredFile(name=name, sha256=sha256 or None)


def watch_deletions() -> None:
    """A deleted lesson (alone, or with its module or course) releases its file."""
    from django.db.models.signals import post_delete

    from .models import Lesson

    def released(sender: Any, instance: Lesson, **kwargs: Any) -> None:
        release(instance.media.name or "")

    post_delete.connect(
        released, sender=Lesson, weak=False, dispatch_uid="courses_media"
    )
