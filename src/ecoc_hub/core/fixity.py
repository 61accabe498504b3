"""Fixity: re-hash stored files and record drift and missing files.

Files come from the inventory the apps register (``core.storedfiles``). A full
run (``scope=all``) records each file as it is checked, so a run cut short is
resumed by the next full run instead of starting again. A sample run checks
the files that have gone longest without a check, so that repeated daily
samples cover the whole store in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from . import storedfiles
from .models import FixityCheck, FixityRun
from .progress import track

NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Finding:
    name: str
    status: str
    expected: str
    found: str


def check_file(stored: storedfiles.StoredFile, *, previous: str = "") -> Finding:
    """Re-hash one file; without an expected hash, compare with the last one."""
    expected = stored.sha256 or previous
    try:
        with default_storage.open(stored.name, "rb") as handle:
            found, _size = storedfiles.sha256_of(handle)
    except (FileNotFoundError, OSError):
        return Finding(stored.name, FixityCheck.Status.MISSING, expected, "")
    if expected and found != expected:
        return Finding(stored.name, FixityCheck.Status.CHANGED, expected, found)
    return Finding(stored.name, FixityCheck.Status.OK, expected, found)


def run_fixity(*, sample: int | None = None, stream: Any = None) -> FixityRun:
    """Check every file (resuming an unfinished full run), or a sample."""
    files = storedfiles.inventory()
    checks = {check.storage_name: check for check in FixityCheck.objects.all()}
    if sample is None:
        run = FixityRun.objects.filter(
            scope=FixityRun.Scope.ALL, finished_at__isnull=True
        ).first() or FixityRun.objects.create(scope=FixityRun.Scope.ALL)
        todo = [
            stored
            for name, stored in files.items()
            if name not in checks or checks[name].checked_at < run.started_at
        ]
    else:
        run = FixityRun.objects.create(scope=FixityRun.Scope.SAMPLE)
        by_age = sorted(
            files.values(),
            key=lambda f: checks[f.name].checked_at if f.name in checks else NEVER,
        )
        todo = by_age[:sample]
    for stored in track(todo, description=_("Checking files"), stream=stream):
        previous = checks[stored.name].found_sha256 if stored.name in checks else ""
        finding = check_file(stored, previous=previous)
        FixityCheck.objects.update_or_create(
            storage_name=stored.name,
            defaults={
                "expected_sha256": finding.expected,
                "found_sha256": finding.found or previous,
                "status": finding.status,
                "checked_at": timezone.now(),
            },
        )
        run.checked += 1
        run.changed += finding.status == FixityCheck.Status.CHANGED
        run.missing += finding.status == FixityCheck.Status.MISSING
        run.save(update_fields=["checked", "changed", "missing"])
    # Records deleted since their last check are no longer the store's concern.
    gone = sorted(set(checks) - set(files))
    for start in range(0, len(gone), 500):
        FixityCheck.objects.filter(storage_name__in=gone[start : start + 500]).delete()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def problems() -> list[FixityCheck]:
    """Files whose last check found them changed or missing."""
    return list(
        FixityCheck.objects.exclude(status=FixityCheck.Status.OK).order_by(
            "storage_name"
        )
    )
