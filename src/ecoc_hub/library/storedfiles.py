"""The library's stored files, for backup and fixity (``core.storedfiles``)."""

from __future__ import annotations

from collections.abc import Iterator

from ecoc_hub.core.storedfiles import StoredFile

from .models import Blob


def library_files() -> Iterator[StoredFile]:
    rows = Blob.objects.order_by("pk").values_list("storage_name", "sha256")
    for name, sha256 in rows.iterator(chunk_size=2000):
        yield StoredFile(name=name, sha256=sha256)
