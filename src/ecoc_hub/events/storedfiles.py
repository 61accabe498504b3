"""Files of application answers, for backup and fixity (``core.storedfiles``)."""

from __future__ import annotations

from collections.abc import Iterator

from ecoc_hub.core.storedfiles import StoredFile

from .models import Answer


def answer_files() -> Iterator[StoredFile]:
    rows = (
        Answer.objects.exclude(file="")
        .order_by("file")
        .values_list("file", "file_sha256")
        .distinct()
    )
    for name, sha256 in rows.iterator(chunk_size=2000):
        yield StoredFile(name=name, sha256=sha256)
