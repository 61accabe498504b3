"""The inventory of stored files, which backup, restore and fixity read.

Each app that keeps files in the default storage registers, in its
``AppConfig.ready()``, a function listing them with the SHA-256 it expects
(or ``None`` where the app keeps no hash, such as re-encoded profile photos):

    from ecoc_hub.core import storedfiles

    def _library_files() -> Iterator[storedfiles.StoredFile]:
        for name, sha256 in Blob.objects.values_list("storage_name", "sha256"):
            yield storedfiles.StoredFile(name=name, sha256=sha256)

    storedfiles.register("library", _library_files)

Core imports no app: the apps come to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import Storage

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    name: str
    sha256: str | None = None


Inventory = Callable[[], Iterable[StoredFile]]

_inventories: dict[str, Inventory] = {}


def register(owner: str, inventory: Inventory) -> None:
    _inventories[owner] = inventory


def registered() -> dict[str, Inventory]:
    return dict(_inventories)


def inventory() -> dict[str, StoredFile]:
    """Every file the records point to, by storage name."""
    files: dict[str, StoredFile] = {}
    for owner in sorted(_inventories):
        for stored in _inventories[owner]():
            if stored.name:
                files.setdefault(stored.name, stored)
    return files


def sha256_of(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage`` below ``folder``, in a stable order."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a store that has never held a file
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from walk(storage, f"{folder}/{directory}" if folder else directory)
