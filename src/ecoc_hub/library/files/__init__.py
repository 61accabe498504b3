"""The upload pipeline: stream to a temporary file, hash while writing, recognise
the format by its content, then store it once under its SHA-256.

Nothing reaches storage before the content is validated, and a file moved into
place inside a transaction that then fails is removed again
(``atomic_with_files``), so a record never points to a missing file and no
orphan stays behind.

One module per step: ``rules`` (accepted types and size limits),
``staging`` (receiving an upload), ``detect`` (recognising the content),
``counts`` (limits on pages, slides and cues), ``storage`` (content-addressed
blobs).
"""

from __future__ import annotations

from .counts import check_counts
from .detect import detect_kinds
from .rules import (
    CHUNK,
    EXTENSIONS,
    MEDIA_TYPES,
    StagedFile,
    UploadRejected,
    allowed_types_summary,
    count_limits,
    extension_of,
    limit_bytes,
)
from .staging import stage_upload
from .storage import (
    atomic_with_files,
    local_path,
    open_blob,
    storage_name_for,
    store_blob,
    store_bytes,
)

__all__ = [
    "CHUNK",
    "EXTENSIONS",
    "MEDIA_TYPES",
    "StagedFile",
    "UploadRejected",
    "allowed_types_summary",
    "atomic_with_files",
    "check_counts",
    "count_limits",
    "detect_kinds",
    "extension_of",
    "limit_bytes",
    "local_path",
    "open_blob",
    "stage_upload",
    "storage_name_for",
    "store_blob",
    "store_bytes",
]
