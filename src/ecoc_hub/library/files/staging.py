"""Receiving an upload: stream it to a temporary file, hash it, check it."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from .counts import check_counts
from .detect import detect_kinds
from .rules import (
    CHUNK,
    EXTENSIONS,
    MEDIA_TYPES,
    StagedFile,
    UploadRejected,
    _allowed_message,
    extension_of,
    limit_bytes,
)


def stage_upload(*, source: IO[bytes] | Iterable[bytes], filename: str) -> StagedFile:
    """Validate an upload into a temporary file; raise ``UploadRejected``."""
    extension = extension_of(filename)
    if extension not in EXTENSIONS:
        raise UploadRejected(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension or _("none"), "allowed": _allowed_message()}
        )
    expected_kind, family = EXTENSIONS[extension]
    limit = limit_bytes(family)
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept beyond this block
        prefix="upload-", suffix="." + extension, delete=False
    )
    path = Path(handle.name)
    try:
        with handle:
            chunks: Iterable[bytes]
            read = getattr(source, "read", None)
            if hasattr(source, "chunks"):
                chunks = source.chunks(CHUNK)
            elif read is not None:
                chunks = iter(lambda: read(CHUNK), b"")
            else:
                chunks = source
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadRejected(
                        _(
                            "“%(name)s” is larger than the %(mb)s MB allowed for "
                            "this type of file."
                        )
                        % {"name": filename, "mb": limit // (1024 * 1024)}
                    )
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise UploadRejected(_("“%(name)s” is empty.") % {"name": filename})
        detected = detect_kinds(path)
        if expected_kind not in detected:
            if detected:
                raise UploadRejected(
                    _(
                        "“%(name)s” is named as %(claimed)s but its content is "
                        "%(found)s. Rename it or upload the right file."
                    )
                    % {
                        "name": filename,
                        "claimed": expected_kind.upper(),
                        "found": " / ".join(sorted(k.upper() for k in detected)),
                    }
                )
            raise UploadRejected(
                _(
                    "“%(name)s” is not a valid %(claimed)s file (it may be damaged "
                    "or truncated)."
                )
                % {"name": filename, "claimed": expected_kind.upper()}
            )
        check_counts(path, expected_kind, filename)
    except UploadRejected:
        with suppress(FileNotFoundError):
            path.unlink()
        raise
    except BaseException:
        with suppress(FileNotFoundError):
            path.unlink()
        raise
    return StagedFile(
        path=path,
        sha256=digest.hexdigest(),
        size=size,
        kind=expected_kind,
        media_type=MEDIA_TYPES[expected_kind],
        original_name=Path(filename).name[:255],
    )
