"""Content-addressed storage of blobs, removed again when the transaction
that wrote them fails."""

from __future__ import annotations

import contextvars
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Blob
from .rules import StagedFile, UploadRejected

# Names written to storage inside the current ``atomic_with_files`` block.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "library_written_files", default=None
)


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
    """``transaction.atomic`` that also removes files it wrote if it rolls back.

    Nested blocks hand what they wrote to the enclosing block when they
    succeed, so the outermost rollback removes every file of the transaction.
    """
    outer = _written.get()
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
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


def open_blob(blob: Blob) -> IO[bytes]:
    return default_storage.open(blob.storage_name, "rb")


def local_path(blob: Blob) -> Path | None:
    try:
        return Path(default_storage.path(blob.storage_name))
    except NotImplementedError:
        return None
