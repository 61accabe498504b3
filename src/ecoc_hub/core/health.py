"""Checks behind /health: each returns (ok, detail) and never raises."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from .models import WorkerHeartbeat


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
