"""Reading a course archive safely (issue 14), for ``transfer_import.py``:
at most ``MAX_MEMBERS`` members, each with a safe relative name (no absolute
path, no ``..``, no link, no duplicate, not encrypted), within the size
limits, not compressed like a ZIP bomb, and read within its declared size;
and the fields of ``course.yaml``, each checked with a message naming it."""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
import zlib
from contextlib import ExitStack
from datetime import date
from typing import IO, Any, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import media
from .covers import MAX_COVER_BYTES

MAX_MEMBERS = 1000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024
#: A member that unpacks to more than this many times its packed size (and
#: to more than a megabyte) is a ZIP bomb, not a course.
MAX_RATIO = 100


def refuse(message: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message)


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = name.rstrip("/").split("/")
    return not any(p in {"", ".", ".."} or ":" in p for p in parts)


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(
            _("The archive has %(count)s files; at most %(max)s are accepted."),
            count=len(infos),
            max=MAX_MEMBERS,
        )
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        mode = info.external_attr >> 16
        if not _safe_name(info.filename) or stat.S_ISLNK(mode):
            raise refuse(
                _(
                    "“%(name)s” in the archive is not a safe file name: an "
                    "absolute path, “..” or a link."
                ),
                name=info.filename,
            )
        if info.is_dir():
            continue
        if info.filename in members:
            raise refuse(
                _("“%(name)s” appears twice in the archive."), name=info.filename
            )
        if info.flag_bits & 0x1:
            raise refuse(
                _(
                    "“%(name)s” is encrypted; export the course again without "
                    "a password."
                ),
                name=info.filename,
            )
        if info.file_size > max(media.max_media_bytes(), MAX_COVER_BYTES):
            raise refuse(
                _("“%(name)s” unpacks to more than %(limit)s MB."),
                name=info.filename,
                limit=media.max_media_bytes() // (1024 * 1024),
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse(
                _(
                    "“%(name)s” is compressed more than a real file could be "
                    "(a ZIP bomb): the archive is refused."
                ),
                name=info.filename,
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                _("The archive unpacks to more than %(limit)s MB."),
                limit=MAX_TOTAL_BYTES // (1024 * 1024),
            )
        members[info.filename] = info
    return members


class Archive:
    """The members of an opened archive, read within their declared sizes."""

    def __init__(self, archive: zipfile.ZipFile, stack: ExitStack) -> None:
        self.archive = archive
        self.members = _members(archive)
        self.stack = stack

    def _info(self, name: Any, where: str) -> zipfile.ZipInfo:
        info = self.members.get(name) if isinstance(name, str) else None
        if info is None:
            raise refuse(
                _("%(where)s: the file “%(name)s” is not in the archive."),
                where=where,
                name=name,
            )
        return info

    def _copy(self, info: zipfile.ZipInfo, target: IO[bytes], limit: int) -> None:
        written = 0
        try:
            with self.archive.open(info) as source:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    written += len(chunk)
                    if written > min(limit, info.file_size):
                        raise refuse(
                            _("“%(name)s” is larger than the archive says."),
                            name=info.filename,
                        )
                    target.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise refuse(
                _("“%(name)s” in the archive is damaged."), name=info.filename
            ) from None
        target.seek(0)

    def read(self, name: Any, where: str, limit: int = MAX_TEXT_BYTES) -> bytes:
        info = self._info(name, where)
        if info.file_size > limit:
            raise refuse(
                _("%(where)s: “%(name)s” is larger than %(limit)s MB."),
                where=where,
                name=name,
                limit=max(1, limit // (1024 * 1024)),
            )
        buffer = io.BytesIO()
        self._copy(info, buffer, limit)
        return buffer.getvalue()

    def text(self, name: Any, where: str) -> str:
        try:
            return self.read(name, where).decode("utf-8")
        except UnicodeDecodeError:
            raise refuse(
                _("%(where)s: “%(name)s” is not UTF-8 text."), where=where, name=name
            ) from None

    def spooled(self, name: Any, where: str) -> IO[bytes]:
        info = self._info(name, where)
        handle = cast(
            IO[bytes],
            self.stack.enter_context(
                tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
            ),
        )
        self._copy(info, handle, media.max_media_bytes())
        return handle


# --- The fields of course.yaml ---------------------------------------------------


def missing(where: str, key: str) -> ValidationError:
    return refuse(_("%(where)s: “%(field)s” is missing."), where=where, field=key)


def text_field(
    data: dict[str, Any], key: str, where: str, *, required: bool = True
) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise missing(where, key)
        return ""
    if not isinstance(value, str):
        raise refuse(_("%(where)s: “%(field)s” must be text."), where=where, field=key)
    return value


def number_field(
    data: dict[str, Any], key: str, where: str, *, default: int, low: int, high: int
) -> int:
    value = data.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        raise refuse(
            _(
                "%(where)s: “%(field)s” must be a whole number from %(low)s "
                "to %(high)s."
            ),
            where=where,
            field=key,
            low=low,
            high=high,
        )
    return value


def flag_field(data: dict[str, Any], key: str, where: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise refuse(
            _("%(where)s: “%(field)s” must be true or false."), where=where, field=key
        )
    return value


def choice_field(
    data: dict[str, Any],
    key: str,
    where: str,
    choices: type[models.TextChoices],
    *,
    default: str | None = None,
) -> str:
    value = data.get(key, default)
    if value is None:
        raise missing(where, key)
    if value not in choices.values:
        raise refuse(
            _("%(where)s: “%(value)s” is not a known %(field)s (known: %(known)s)."),
            where=where,
            value=value,
            field=key,
            known=", ".join(choices.values),
        )
    return str(value)


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise refuse(_("%(where)s must be a mapping of fields."), where=where)
    return value


def list_field(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise refuse(
            _("%(where)s: “%(field)s” must be a list."), where=where, field=key
        )
    return value


def date_field(data: dict[str, Any], key: str, where: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise refuse(
            _("%(where)s: “%(field)s” must be a date such as 2026-09-01."),
            where=where,
            field=key,
        ) from None


def model_errors(
    where: str, model: type[models.Model], error: ValidationError
) -> ValidationError:
    parts = []
    for name, messages in error.message_dict.items():
        label = (
            capfirst(str(getattr(model._meta.get_field(name), "verbose_name", name)))
            if name != NON_FIELD_ERRORS
            else ""
        )
        text = " ".join(messages)
        parts.append(f"{label}: {text}" if label else text)
    return refuse("%(where)s: %(problem)s", where=where, problem=" ".join(parts))
