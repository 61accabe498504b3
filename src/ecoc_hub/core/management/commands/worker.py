"""The task worker: django-tasks-db's worker plus a heartbeat.

The heartbeat tells /health the worker is alive and is the lease on the task
it runs: after each beat, and once at start-up, the worker puts back in the
queue (or fails, past the last attempt) the tasks of workers that stopped
beating (``core.leases``).
"""

from __future__ import annotations

import socket
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from ecoc_hub.core import leases, schedule
from ecoc_hub.core.lifeline import use_private_tmpdir, watch_parent
from ecoc_hub.core.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 15  # at most; a short lease makes beats more frequent
SCHEDULE_SECONDS = 60


def heartbeat_interval() -> float:
    return min(HEARTBEAT_SECONDS, settings.ECOC_HUB_TASK_LEASE_SECONDS / 4)


def beat(worker_id: str, started_at: Any) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64],
        defaults={
            "hostname": socket.gethostname()[:255],
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                beat(self.worker_id, self.started_at)
                leases.recover_abandoned_tasks()
            except Exception:  # noqa: S110 - a missed beat shows in /health
                pass
            finally:
                connection.close()
            self.stopped.wait(heartbeat_interval())


class Scheduler(threading.Thread):
    """Enqueues the periodic jobs that are due (``core.schedule``)."""

    def __init__(self) -> None:
        super().__init__(name="worker-scheduler", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                schedule.run_due()
            except Exception:  # noqa: S110 - retried at the next minute
                pass
            finally:
                connection.close()
            self.stopped.wait(SCHEDULE_SECONDS)


class Command(DBWorkerCommand):
    help = "Run the background task worker (e-mail, extraction, indexing)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Stop with the serve process that started this worker, however it
        # died; keep temporary files (the extraction forkserver's pymp-*
        # directory among them) where the next start can find and remove
        # them after a kill.
        watch_parent()
        use_private_tmpdir(settings.DATA_DIR / "tmp", "worker")
        heartbeat = Heartbeat(options["worker_id"])
        beat(heartbeat.worker_id, heartbeat.started_at)
        leases.recover_abandoned_tasks()
        heartbeat.start()
        scheduler = Scheduler()
        scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
            scheduler.stopped.set()
