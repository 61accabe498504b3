"""Files attached to a post: up to ``MAX_ATTACHMENTS`` PDFs, images, office
documents or plain text files, checked by their content exactly as the
library checks a deposit (``library.files.stage_upload``: allowed type by
magic bytes and structure, size limit per family, ZIP-bomb limits for
office formats), stored as content-addressed library blobs
(``library.files.store_blob`` inside ``atomic_with_files``, so a post that
fails to save leaves no file behind) and served only to those who may read
the post, as a download (``library.downloads.serve_blob``: attachment,
nosniff, a sandboxing CSP).

They follow the post's text: when its author's contributions are removed
(account erasure, ``privacy``), the attachments go, and each stored file
with them unless something else uses the same content; the same when the
post goes by cascade (its event, course, space or thread deleted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ecoc_hub.core.uploads import StagedFileField, StagedMultipleFileInput
from ecoc_hub.library.files import (
    EXTENSIONS,
    StagedFile,
    UploadRejected,
    extension_of,
    limit_bytes,
    stage_upload,
    store_blob,
)
from ecoc_hub.library.models import Blob

from .models import Attachment, Post

MAX_ATTACHMENTS = 5

#: The library's kinds a post may carry: documents, images, plain text.
KINDS = {"pdf", "docx", "pptx", "xlsx", "odt", "odp", "jpeg", "png", "webp", "txt"}
ACCEPTED_EXTENSIONS = [ext for ext, (kind, _f) in EXTENSIONS.items() if kind in KINDS]


def accepted_summary() -> str:
    """The help text: what is accepted and how large."""
    return _(
        "Up to %(count)s files: PDF, Word, PowerPoint, Excel, OpenDocument "
        "(up to %(documents)s MB each), JPEG, PNG, WebP images (up to "
        "%(images)s MB) and plain text (up to %(text)s MB)."
    ) % {
        "count": MAX_ATTACHMENTS,
        "documents": limit_bytes("document") // (1024 * 1024),
        "images": limit_bytes("image") // (1024 * 1024),
        "text": limit_bytes("text") // (1024 * 1024),
    }


class AttachmentsField(StagedFileField):
    """Several files in one input; ``clean`` gives the list of uploads. On a
    form with ``StagedUploadsMixin`` the files survive a failed validation."""

    widget = StagedMultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in items if item]


class AttachmentsMixin:
    """A form's ``attachments`` field: each file staged and checked in
    ``clean_attachments``; ``staged`` holds them for the service, and
    ``discard`` removes them when the form goes no further."""

    cleaned_data: dict[str, Any]
    staged: list[StagedFile]

    def clean_attachments(self) -> list[StagedFile]:
        self.discard()
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                ngettext(
                    "Attach at most %(max)s file.",
                    "Attach at most %(max)s files.",
                    MAX_ATTACHMENTS,
                )
                % {"max": MAX_ATTACHMENTS}
            )
        errors = []
        for upload in uploads:
            name = str(upload.name)
            if extension_of(name) not in ACCEPTED_EXTENSIONS:
                errors.append(
                    _("“%(name)s”: files of this type cannot be attached. %(accepted)s")
                    % {"name": name, "accepted": accepted_summary()}
                )
                continue
            try:
                upload.seek(0)
                self.staged.append(stage_upload(source=upload, filename=name))
            except UploadRejected as error:
                errors.append(error.message)
        if errors:
            self.discard()
            raise forms.ValidationError(errors)
        return self.staged

    def discard(self) -> None:
        for staged in getattr(self, "staged", []):
            staged.discard()
        self.staged = []


def attachments_field() -> AttachmentsField:
    return AttachmentsField(
        label=gettext_lazy("Attach files (optional)"),
        required=False,
        widget=StagedMultipleFileInput(
            attrs={"accept": ",".join("." + ext for ext in ACCEPTED_EXTENSIONS)}
        ),
    )


def attach(*, post: Post, staged: Sequence[StagedFile]) -> list[Attachment]:
    """Store the checked files and attach them; call inside
    ``atomic_with_files`` so a failure removes what was written."""
    rows = []
    for item in staged:
        blob = store_blob(item)
        rows.append(
            Attachment.objects.create(
                post=post,
                blob=blob,
                file_name=item.original_name or "file",
                kind=item.kind,
            )
        )
    return rows


def delete_attachments(posts: Iterable[Post] | Any) -> int:
    """Delete the attachments of these posts; their stored files follow
    (``attachment_deleted``)."""
    count, _rows = Attachment.objects.filter(post__in=posts).delete()
    return count


def attachment_deleted(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    """Once an attachment's deletion commits (an erasure, or the deletion of
    the event, course or thread it came with, by cascade), its stored file
    goes too unless something else uses the same content. A receiver of
    ``post_delete``, so that a cascade from another app cleans up as well."""
    blob_id = instance.blob_id
    transaction.on_commit(lambda: delete_blob_if_unused(blob_id))


def delete_blob_if_unused(blob_id: int) -> None:
    blob = Blob.objects.filter(pk=blob_id).first()
    if blob is None or Attachment.objects.filter(blob_id=blob_id).exists():
        return
    name = blob.storage_name
    try:
        with transaction.atomic():
            blob.delete()
    except ProtectedError:  # a library file or a CV has the same content
        return
    default_storage.delete(name)
