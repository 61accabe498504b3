"""Checks behind /health: each returns (ok, detail) and never raises.

Apps add their own in ``AppConfig.ready()`` (core imports no app):

    from ecoc_hub.core import health

    health.register("search_index", check_index_consistency)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from .models import FixityCheck, FixityRun, WorkerHeartbeat

Check = Callable[[], tuple[bool, str]]
_registered: dict[str, Check] = {}


def register(name: str, check: Check) -> None:
    _registered[name] = check


def all_checks() -> dict[str, tuple[bool, str]]:
    checks = {
        "database": check_database(),
        "storage": check_storage(),
        "worker": check_worker(),
        "fixity": check_fixity(),
    }
    for name in sorted(_registered):
        try:
            checks[name] = _registered[name]()
        except Exception as exc:  # a broken check reports itself as failing
            checks[name] = (False, type(exc).__name__)
    return checks


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return False, type(exc).__name__
    return True, connection.vendor


def check_storage() -> tuple[bool, str]:
    name = f"health/{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        with default_storage.open(saved) as handle:
            ok = handle.read() == b"ok"
        default_storage.delete(saved)
    except Exception as exc:  # any storage error means "down"
        return False, type(exc).__name__
    return ok, "read back" if ok else "content mismatch"


def check_worker() -> tuple[bool, str]:
    try:
        latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    except Exception as exc:
        return False, type(exc).__name__
    if latest is None:
        return False, "no worker has ever started"
    age = timezone.now() - latest.last_seen
    if age > timedelta(seconds=settings.ECOC_HUB_WORKER_STALE_AFTER):
        return False, f"last heartbeat {int(age.total_seconds())} s ago"
    return True, latest.last_seen.isoformat()


def check_fixity() -> tuple[bool, str]:
    """The last fixity run, and any file it found changed or missing."""
    try:
        last = FixityRun.objects.filter(finished_at__isnull=False).first()
        changed = FixityCheck.objects.filter(status=FixityCheck.Status.CHANGED).count()
        missing = FixityCheck.objects.filter(status=FixityCheck.Status.MISSING).count()
    except Exception as exc:
        return False, type(exc).__name__
    if last is None:
        return True, "never run"
    finished = last.finished_at.isoformat() if last.finished_at else ""
    if changed or missing:
        return False, f"{changed} changed, {missing} missing (last run {finished})"
    return True, f"last run {finished}: {last.checked} files intact"
