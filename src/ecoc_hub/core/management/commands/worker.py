"""The task worker: django-tasks-db's worker plus a heartbeat for /health."""

from __future__ import annotations

import socket
import threading
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from ecoc_hub.core import schedule
from ecoc_hub.core.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 15
SCHEDULE_SECONDS = 60


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
            except Exception:  # noqa: S110 - a missed beat shows in /health
                pass
            finally:
                connection.close()
            self.stopped.wait(HEARTBEAT_SECONDS)


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
        heartbeat = Heartbeat(options["worker_id"])
        beat(heartbeat.worker_id, heartbeat.started_at)
        heartbeat.start()
        scheduler = Scheduler()
        scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
            scheduler.stopped.set()
