"""Staged uploads: a file chosen in a form survives the form's failed validation.

When a form with file fields is invalid, each file that passed its own checks
is kept in the staging storage under a random token, and the token is recorded
in the person's session. The form shows "Already uploaded: name, size" with a
hidden field carrying the token; the next submission picks the file up again
unless the person chooses another one (or ticks "do not use this file").

Tokens are only honoured for the session that staged them, staged files live
outside MEDIA_ROOT (nothing serves them), and files older than
ECOC_HUB_STAGED_UPLOAD_HOURS are deleted by ``purge_abandoned`` (run by the
``purge_staged_uploads`` command and, at most hourly, whenever a file is staged).

Use: a ``StagedFileField`` on a form that mixes in ``StagedUploadsMixin`` and is
built with ``session=request.session``; after a successful save, call
``form.release_uploads()``. A field that takes several files in one input uses
``StagedFileField(widget=StagedMultipleFileInput)`` (or a subclass that says so):
its value is a list, each file staged on its own, each shown with its own "do
not use this file" box.

The field's own ``clean_<name>`` checks run on the staged file exactly as on a
fresh upload (a ``StagedUpload`` is a Django ``File``), and may return anything
(a checked image, a list of checked files): what is staged is the upload the
person sent, taken from the form's files, not the cleaned value. An error that
a view adds after ``is_valid()`` (``form.add_error``) stages the uploads too.
"""

from __future__ import annotations

import re
import secrets
import time
from datetime import timedelta
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

SESSION_KEY = "ecoc_hub.staged_uploads"
# A session keeps at most this many staged files; older ones are dropped.
MAX_PER_SESSION = 20
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_PURGE_LOCK = "ecoc_hub.staged_uploads.purged"


def staging_storage() -> Storage:
    return storages["staging"]


class StagedUpload(File):
    """A file kept from an earlier submission; opened from storage on first read."""

    def __init__(self, *, token: str, name: str, size: int, storage: Storage) -> None:
        self._file: IO[bytes] | None = None
        self._storage = storage
        super().__init__(None, name)
        self.token = token
        self.size = size

    @property  # type: ignore[override]
    def file(self) -> IO[bytes]:
        if self._file is None:
            self._file = self._storage.open(self.token, "rb")
        return self._file

    @file.setter
    def file(self, value: IO[bytes] | None) -> None:
        self._file = value

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class UploadStage:
    """The staged uploads of one session."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        self.storage = staging_storage()

    def _entries(self) -> dict[str, dict[str, Any]]:
        entries = self.session.get(SESSION_KEY)
        return entries if isinstance(entries, dict) else {}

    def keep(self, upload: File) -> StagedUpload:
        """Copy an upload into staging and remember it for this session."""
        purge_abandoned_now_and_then()
        token = secrets.token_hex(16)
        upload.seek(0)
        self.storage.save(token, upload)
        upload.seek(0)
        name = PurePath(str(upload.name or "")).name[:255] or token
        size = int(upload.size or 0)
        entries = self._entries()
        entries[token] = {"name": name, "size": size, "at": time.time()}
        for old in sorted(entries, key=lambda t: entries[t]["at"])[:-MAX_PER_SESSION]:
            self._delete(old)
            entries.pop(old)
        self.session[SESSION_KEY] = entries
        return StagedUpload(token=token, name=name, size=size, storage=self.storage)

    def get(self, token: str) -> StagedUpload | None:
        """The staged file for a token of this session, if it is still there."""
        if not isinstance(token, str) or not _TOKEN.match(token):
            return None
        entries = self._entries()
        entry = entries.get(token)
        if entry is None:
            return None
        if not self.storage.exists(token):
            entries.pop(token)
            self.session[SESSION_KEY] = entries
            return None
        return StagedUpload(
            token=token, name=entry["name"], size=entry["size"], storage=self.storage
        )

    def discard(self, token: str) -> None:
        entries = self._entries()
        if entries.pop(token, None) is not None:
            self._delete(token)
            self.session[SESSION_KEY] = entries

    def _delete(self, token: str) -> None:
        if _TOKEN.match(token) and self.storage.exists(token):
            self.storage.delete(token)


def purge_abandoned(*, older_than: timedelta | None = None) -> int:
    """Delete staged files older than the configured age; return how many."""
    if older_than is None:
        older_than = timedelta(hours=settings.ECOC_HUB_STAGED_UPLOAD_HOURS)
    storage = staging_storage()
    cutoff = timezone.now() - older_than
    try:
        _dirs, names = storage.listdir("")
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        if not _TOKEN.match(name):
            continue
        try:
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def purge_abandoned_now_and_then() -> None:
    if cache.add(_PURGE_LOCK, 1, timeout=3600):
        purge_abandoned()


class StagedFileInput(forms.FileInput):
    """A file input that shows, and sends back, a file kept from an earlier try."""

    template_name = "core/forms/widgets/staged_file.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.stage: UploadStage | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        upload = files.get(name)
        if upload:
            return upload
        if data.get(f"{name}-unstage"):
            return None
        token = data.get(f"{name}-staged")
        if token and self.stage is not None:
            return self.stage.get(token)
        return None

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in files and f"{name}-staged" not in data

    def format_value(self, value: Any) -> None:
        return None

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        staged = value if isinstance(value, StagedUpload) else None
        widget = context["widget"]
        widget["staged"] = staged
        if staged is not None and widget["attrs"].get("id"):
            staged_id = f"{widget['attrs']['id']}_staged"
            widget["staged_id"] = staged_id
            described = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{staged_id} {described}".strip()
        return context


def _getlist(data: Any, key: str) -> list[Any]:
    """All values of a key, from a QueryDict / MultiValueDict or a plain dict."""
    if not data:
        return []
    if hasattr(data, "getlist"):
        return list(data.getlist(key))
    value = data.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class StagedMultipleFileInput(StagedFileInput):
    """Several files in one input: the value is a list. Files chosen anew
    replace the staged ones; each staged file has its own "do not use" box."""

    template_name = "core/forms/widgets/staged_files.html"
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        uploads = [u for u in _getlist(files, name) if u]
        if uploads:
            return uploads
        if self.stage is None:
            return []
        dropped = set(_getlist(data, f"{name}-unstage"))
        kept = []
        for token in _getlist(data, f"{name}-staged"):
            if token in dropped:
                continue
            staged = self.stage.get(token)
            if staged is not None:
                kept.append(staged)
        return kept

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = forms.FileInput.get_context(self, name, value, attrs)
        items = value if isinstance(value, list | tuple) else []
        staged = [v for v in items if isinstance(v, StagedUpload)]
        widget = context["widget"]
        widget["staged_files"] = staged
        if staged and widget["attrs"].get("id"):
            staged_id = f"{widget['attrs']['id']}_staged"
            widget["staged_id"] = staged_id
            described = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{staged_id} {described}".strip()
        return context


class StagedFileField(forms.FileField):
    """A file field whose choice survives the form's failed validation (with
    StagedUploadsMixin on the form)."""

    widget = StagedFileInput

    def bound_data(self, data: Any, initial: Any) -> Any:
        # A plain FileField always shows its initial value again; this one
        # shows the staged file(s) so that the widget can say they are kept.
        if isinstance(data, StagedUpload):
            return data
        if isinstance(data, list) and any(isinstance(d, StagedUpload) for d in data):
            return data
        return initial

    @property
    def multiple(self) -> bool:
        return isinstance(self.widget, StagedMultipleFileInput)


if TYPE_CHECKING:
    # The mixin goes before a form class: type it as one.
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class StagedUploadsMixin(_FormBase):
    """For forms with StagedFileField fields: pass ``session=request.session``.

    Without a session the form works as a plain upload form.
    """

    def __init__(self, *args: Any, session: SessionBase | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.upload_stage = UploadStage(session) if session is not None else None
        for field in self.fields.values():
            if isinstance(field.widget, StagedFileInput):
                field.widget.stage = self.upload_stage

    def full_clean(self) -> None:
        self._uploads_checked = False
        super().full_clean()
        self._uploads_checked = True
        if (
            self.upload_stage is not None
            and self.is_bound
            and (self.errors or not self.related_valid())
        ):
            self._keep_uploads()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # An error added by the view after validation keeps the uploads too.
        if getattr(self, "_uploads_checked", False) and self.upload_stage is not None:
            self._keep_uploads()

    def related_valid(self) -> bool:
        """Whether the formsets this form carries are valid: the uploads are
        kept when only one of them fails, too."""
        return True

    def _staged_values(self, name: str, field: StagedFileField) -> list[Any]:
        """What the person sent for a field: new uploads or staged files."""
        widget: Any = field.widget  # an instance (typed as the class default)
        value = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        if isinstance(value, list | tuple):
            return [v for v in value if v]
        return [value] if value else []

    def _keep_uploads(self) -> None:
        assert self.upload_stage is not None  # noqa: S101
        # The staged files stand in for the uploads they keep.
        files: MultiValueDict[str, Any] = (
            self.files.copy()
            if isinstance(self.files, MultiValueDict)
            else MultiValueDict({k: [v] for k, v in self.files.items()})
        )
        for name, field in self.fields.items():
            if not isinstance(field, StagedFileField) or name in self.errors:
                continue
            values = self._staged_values(name, field)
            if not any(isinstance(v, UploadedFile) for v in values):
                continue
            staged = [
                self.upload_stage.keep(v) if isinstance(v, UploadedFile) else v
                for v in values
            ]
            files.setlist(self.add_prefix(name), staged)
            cleaned = getattr(self, "cleaned_data", {})
            if isinstance(cleaned.get(name), UploadedFile):
                cleaned[name] = staged[0]
        self.files = files

    def release_uploads(self) -> None:
        """After a successful save: the staged files are no longer needed."""
        if self.upload_stage is None:
            return
        cleaned = getattr(self, "cleaned_data", {})
        for name, field in self.fields.items():
            if not isinstance(field, StagedFileField):
                continue
            value = cleaned.get(name)
            used = value if isinstance(value, list) else [value]
            for item in [*used, *self._staged_values(name, field)]:
                if isinstance(item, StagedUpload):
                    item.close()
                    self.upload_stage.discard(item.token)
