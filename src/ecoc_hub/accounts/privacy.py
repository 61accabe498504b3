"""What the platform stores about a person, for export and for erasure.

Each app that keeps personal data registers an exporter (returns a
JSON-serialisable value for its section of the download) and an eraser (removes
or anonymises that data when the account is deleted), usually from its
``AppConfig.ready()``::

    from ecoc_hub.accounts.privacy import register_eraser, register_exporter

    register_exporter("library", export_library_data)
    register_eraser(erase_library_data)

Erasers run inside the account deletion's transaction, before the account's
own data is removed, so they can still read the person's memberships,
addresses and display name. Each is called as ``eraser(user,
contributions=choice)``, where ``choice`` is a ``ContributionChoice``: what
the person chose (or the site's policy says) for what they published:

- ``keep``: it stays as published, credits included;
- ``anonymise``: it stays, credited to "Former member" instead of the person;
- ``remove``: it is deleted.

Unpublished drafts and submissions are personal working data: erasers
delete them whatever the choice.

The files a person supplied (their uploads, their profile photo) are offered
beside the JSON as one ZIP, streamed: each app lists them with
``register_file_lister(name, fn)``, where ``fn(user)`` yields
``PersonalFile``s, and ``stream_files_zip`` writes them with a
``manifest.json`` at the end, reading and sending one chunk at a time.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import User


class ContributionChoice(models.TextChoices):
    KEEP = "keep", _("Keep them as they are, credited with my name")
    ANONYMISE = "anonymise", _('Keep them, credited to "Former member"')
    REMOVE = "remove", _("Remove them from the hub")


def contributions_policy() -> ContributionChoice | None:
    """The site's fixed choice (ECOC_HUB_CONTRIBUTIONS_ON_DELETION), or None
    when each person chooses."""
    value = getattr(settings, "ECOC_HUB_CONTRIBUTIONS_ON_DELETION", "")
    return ContributionChoice(value) if value else None


Exporter = Callable[["User"], Any]
Eraser = Callable[..., None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []


def register_exporter(name: str, fn: Exporter) -> None:
    """Add a section ``name`` to every data export; a name is registered once."""
    if name in _exporters and _exporters[name] is not fn:
        raise ValueError(f"An exporter named {name!r} is already registered")
    _exporters[name] = fn


def register_eraser(fn: Eraser) -> None:
    if fn not in _erasers:
        _erasers.append(fn)


def registered_erasers() -> list[Eraser]:
    return list(_erasers)


def export_user_data(user: User) -> dict[str, Any]:
    """Everything stored about ``user``, one section per registered exporter."""
    data: dict[str, Any] = {
        "format": "ecoc-hub-personal-data/1",
        "exported_at": timezone.now().isoformat(),
    }
    for name, fn in sorted(_exporters.items()):
        data[name] = fn(user)
    return data


# --- the person's own files, as a ZIP ------------------------------------------

CHUNK = 256 * 1024
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class PersonalFile:
    """A file the person supplied, kept in the default storage.

    ``path`` is its name inside the ZIP (``<section>/...``, made of safe
    parts by the lister); ``about`` says what it is, for the manifest."""

    path: str
    storage_name: str
    size: int
    sha256: str | None = None
    about: dict[str, Any] = field(default_factory=dict)


def stored_size(file: FieldFile) -> int:
    """The size of a stored file for the ZIP, 0 when it is gone (the ZIP's
    manifest then says it is missing)."""
    try:
        return file.size
    except FileNotFoundError:
        return 0


FileLister = Callable[["User"], Iterable[PersonalFile]]
_file_listers: dict[str, FileLister] = {}


def register_file_lister(name: str, fn: FileLister) -> None:
    """Add the files of section ``name`` to every person's ZIP."""
    if name in _file_listers and _file_listers[name] is not fn:
        raise ValueError(f"A file lister named {name!r} is already registered")
    _file_listers[name] = fn


def personal_files(user: User) -> list[PersonalFile]:
    """The files ``user`` supplied, every section, each ZIP path once."""
    found: dict[str, PersonalFile] = {}
    for name, fn in sorted(_file_listers.items()):
        for item in fn(user):
            if not item.path.startswith(f"{name}/") or ".." in item.path.split("/"):
                raise ValueError(f"{name}: unsafe path in the ZIP: {item.path!r}")
            found.setdefault(item.path, item)
    return list(found.values())


class _Spool:
    """Where zipfile writes: the bytes wait here until the response takes
    them. It cannot seek, so zipfile writes each entry's sizes after it."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def stream_files_zip(files: Iterable[PersonalFile]) -> Iterator[bytes]:
    """A ZIP of ``files`` and a manifest, as chunks: at most one chunk of a
    file is read at a time, whatever the sizes. A file the storage no longer
    has is listed in the manifest as missing."""
    spool = _Spool()
    entries: list[dict[str, Any]] = []
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            entry = {
                "path": item.path,
                "size": item.size,
                "sha256": item.sha256,
                **item.about,
            }
            try:
                source = default_storage.open(item.storage_name, "rb")
            except FileNotFoundError:
                entries.append({**entry, "included": False})
                continue
            info = zipfile.ZipInfo(item.path, date_time=_zip_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = item.size
            with source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    if written := spool.take():
                        yield written
            entries.append({**entry, "included": True})
        manifest = {
            "format": "ecoc-hub-personal-files/1",
            "exported_at": timezone.now().isoformat(),
            "files": entries,
        }
        archive.writestr(
            MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        )
    yield spool.take()


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = timezone.localtime()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)
