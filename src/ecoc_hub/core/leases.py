"""Tasks whose worker is gone: retried a bounded number of times, then failed.

django-tasks-db marks a claimed task RUNNING and appends the claiming
worker's id to ``worker_ids``; a worker that dies (``kill -9``, the
out-of-memory killer, a power cut) never finishes it, and nothing else looks
at it again. Each worker (``ecoc-hub worker``) beats every few seconds
(``WorkerHeartbeat.last_seen``); that beat is the lease on the task it runs.
A RUNNING task whose last worker has not beaten for
``ECOC_HUB_TASK_LEASE_SECONDS`` is abandoned: it goes back to the queue,
after a backoff that doubles with each attempt, until it has been tried
``ECOC_HUB_TASK_MAX_ATTEMPTS`` times; then it is marked failed with the
reason, and the handler its app registered for that task brings the
records it was working on to a final state (an extraction marks its file
failed).

Every worker runs ``recover_abandoned_tasks`` when it starts and after each
beat; the task rows are locked while they are changed, so with several
workers each abandoned task is handled once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Called with the task's keyword arguments and the reason, in the transaction
# that marks the task failed.
AbandonedHandler = Callable[[dict[str, Any], str], None]
_handlers: dict[str, AbandonedHandler] = {}


class WorkerLost(Exception):
    """Recorded as the exception of a task whose worker stopped."""


@dataclass(frozen=True)
class Recovered:
    task_id: str
    task_path: str
    attempts: int
    retried: bool


def register_abandoned_handler(task: Any, handler: AbandonedHandler) -> None:
    """Run ``handler`` when ``task`` (a django.tasks Task) is given up."""
    _handlers[task.module_path] = handler


def retry_delay(attempts: int) -> dt.timedelta:
    """Seconds before the next attempt: the backoff doubles each time."""
    base = settings.ECOC_HUB_TASK_RETRY_BACKOFF
    return dt.timedelta(seconds=base * 2 ** max(0, attempts - 1))


def recover_abandoned_tasks(*, now: dt.datetime | None = None) -> list[Recovered]:
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.ECOC_HUB_TASK_LEASE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=now - lease).values_list(
            "worker_id", flat=True
        )
    )
    recovered = []
    with transaction.atomic():
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=now - lease)
            .select_for_update(skip_locked=True)
        )
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if worker[:64] in alive:
                continue
            recovered.append(_recover(result, worker, now))
    return recovered


def _recover(result: DBTaskResult, worker: str, now: dt.datetime) -> Recovered:
    attempts = len(result.worker_ids)
    limit = settings.ECOC_HUB_TASK_MAX_ATTEMPTS
    reason = (
        f"The worker {worker or '(unknown)'} stopped while running this task "
        f"(attempt {attempts} of {limit}): no heartbeat for "
        f"{settings.ECOC_HUB_TASK_LEASE_SECONDS} seconds."
    )
    if attempts < limit:
        result.status = TaskResultStatus.READY
        result.run_after = now + retry_delay(attempts)
        result.save(update_fields=["status", "run_after"])
        logger.warning("%s Retrying at %s.", reason, result.run_after.isoformat())
        return Recovered(str(result.id), result.task_path, attempts, retried=True)
    reason += " It is not retried again."
    result.status = TaskResultStatus.FAILED
    result.finished_at = now
    result.return_value = None
    result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
    result.traceback = f"{result.exception_class_path}: {reason}\n"
    result.save(
        update_fields=[
            "status",
            "finished_at",
            "return_value",
            "exception_class_path",
            "traceback",
        ]
    )
    logger.error("%s", reason)
    handler = _handlers.get(result.task_path)
    if handler is not None:
        handler(dict(result.args_kwargs.get("kwargs") or {}), reason)
    return Recovered(str(result.id), result.task_path, attempts, retried=False)
