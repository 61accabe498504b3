"""Published versions of a course (issue 14): a release record with its
number, what changed, who published it and when, and a snapshot: the
course's ZIP export (``transfer.export_course``) at that moment, so every
version can be downloaded and compared.

Learners always see the live content; a version does not freeze it (see
docs/courses.md, "Versions"). Publishing a course the first time makes
version 1 (the ``publish`` transition's ``after``); a trainer publishes the
next ones with a note.

Snapshots are files: written to a temporary name beside their place and
moved into it (``os.replace``) on local disk, as one object on object
storage; deleted when their transaction fails, and after the commit that
deletes their version (with its course or alone).
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.storedfiles import StoredFile
from ecoc_hub.core.workflow import TransitionError

from .enums import CourseState
from .models import Course, CourseVersion
from .transfer import export_course

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

FOLDER = "courses/versions"

_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "courses_written_snapshots", default=None
)


def _write_atomically(name: str, content: bytes) -> str:
    """Store ``content`` under ``name`` whole or not at all."""
    try:
        target = Path(default_storage.path(name))
    except NotImplementedError:  # object storage: one PUT is atomic
        return default_storage.save(name, ContentFile(content))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        part = Path(temporary)
        part.chmod(settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        part.replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


@contextmanager
def atomic_with_snapshots() -> Iterator[None]:
    """``transaction.atomic`` that deletes the snapshots it wrote if it fails;
    a nested block hands them to the enclosing one."""
    outer = _written.get()
    written: list[str] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


def latest(course: Course) -> CourseVersion | None:
    return course.versions.order_by("-number").first()


def publish_version(
    *, course: Course, actor: User | None, note: str = ""
) -> CourseVersion:
    """A new version of a published course with its snapshot."""
    with atomic_with_snapshots():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.state != CourseState.PUBLISHED:
            raise TransitionError(
                _("Only a published course has versions."), code="not_published"
            )
        number = (course.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        content = export_course(course)
        digest = hashlib.sha256(content).hexdigest()
        name = f"{FOLDER}/{course.uuid}/{number}-{digest[:16]}.zip"
        stored = _write_atomically(name, content)
        written = _written.get()
        if written is not None:
            written.append(stored)
        version = CourseVersion(
            course=course,
            number=number,
            note=note.strip(),
            published_at=timezone.now(),
            published_by=actor,
            snapshot=stored,
            snapshot_sha256=digest,
            snapshot_size=len(content),
        )
        version.full_clean()
        version.save()
        return version


def first_version(course: Course, actor: Any) -> None:
    """Version 1 when a course is published the first time."""
    if not course.versions.exists():
        publish_version(
            course=course,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )


def snapshot_name(version: CourseVersion) -> str:
    return f"{version.course.slug}-version-{version.number}.zip"


def stored_snapshots() -> Iterator[StoredFile]:
    """Every version's snapshot, for backup and fixity."""
    for name, digest in CourseVersion.objects.values_list(
        "snapshot", "snapshot_sha256"
    ):
        yield StoredFile(name=name, sha256=digest)


def watch_deletions() -> None:
    """A deleted version (alone or with its course) deletes its snapshot
    once the deletion commits."""
    from django.db.models.signals import post_delete

    def dropped(sender: Any, instance: CourseVersion, **kwargs: Any) -> None:
        name = instance.snapshot.name
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))

    post_delete.connect(
        dropped, sender=CourseVersion, weak=False, dispatch_uid="courses_versions"
    )
