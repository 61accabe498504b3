"""The files learners hand in for an assignment (issue 14): checked by
content with the library's upload checks, stored under the submission's
own name (never shared, so that erasing an account can delete them), and
always served as a download."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.core.storedfiles import StoredFile
from ecoc_hub.library.files import StagedFile, UploadRejected, stage_upload

from .models import Submission

#: Files a learner may hand in: documents, plain text and images, checked
#: by content with the library's upload checks (never HTML: it could run).
FILE_EXTENSIONS = (
    "pdf", "docx", "pptx", "xlsx", "odt", "odp", "txt", "md", "jpg", "jpeg",
    "png", "webp",
)  # fmt: skip
MAX_FILE_MB = 20


def check_file(upload: Any) -> StagedFile:
    """The upload checked by content into a temporary file, or a
    ValidationError that says why (the library's checks, with a
    narrower list of types and a size limit of its own)."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_EXTENSIONS:
        raise ValidationError(
            _("Hand in a PDF, an office document, a text or an image (%(types)s).")
            % {"types": ", ".join(FILE_EXTENSIONS)},
            code="file_type",
        )
    if (upload.size or 0) > MAX_FILE_MB * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than the %(mb)s MB allowed.") % {"mb": MAX_FILE_MB},
            code="file_size",
        )
    try:
        return stage_upload(source=upload, filename=name)
    except UploadRejected as error:
        raise ValidationError(error.message, code="file_content") from None


def store_file(staged: StagedFile, submission: Submission) -> str:
    extension = staged.original_name.rsplit(".", 1)[-1].lower()
    name = f"courses/submissions/{submission.uuid}.{extension}"
    try:
        with staged.path.open("rb") as handle:
            return default_storage.save(name, File(handle))
    finally:
        staged.discard()


def open_file(submission: Submission) -> IO[bytes]:
    return default_storage.open(submission.file.name or "", "rb")


def delete_files_after_commit(names: list[str]) -> None:
    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(remove)


def stored_submissions() -> Iterator[StoredFile]:
    """Every submitted file, for backup and fixity."""
    for name, sha256 in Submission.objects.exclude(file="").values_list(
        "file", "file_sha256"
    ):
        yield StoredFile(name=name, sha256=sha256 or None)
