"""Periodic jobs, run by the task worker without cron.

An app registers a task and how often it is due, in ``AppConfig.ready()``:

    schedule.register("core.fixity", every=timedelta(days=1), task=fixity_sample)

Every worker looks for due jobs once a minute (``run_due``). The job's row is
locked while it is checked and marked, so with several workers, on one
machine or many, each due job is enqueued once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import ScheduledJob


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task: Any  # a django.tasks Task


_jobs: dict[str, Periodic] = {}


def register(name: str, *, every: timedelta, task: Any) -> None:
    _jobs[name] = Periodic(name=name, every=every, task=task)


def registered() -> list[Periodic]:
    return [_jobs[name] for name in sorted(_jobs)]


def run_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every registered job that is due; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in registered():
        ScheduledJob.objects.get_or_create(name=job.name)
        with transaction.atomic():
            row = ScheduledJob.objects.select_for_update().get(name=job.name)
            if row.last_run_at is not None and now - row.last_run_at < job.every:
                continue
            job.task.enqueue()
            row.last_run_at = now
            row.save(update_fields=["last_run_at"])
        enqueued.append(job.name)
    return enqueued
