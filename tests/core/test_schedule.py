"""Periodic jobs enqueued by the worker (``core.schedule``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.tasks import task
from django.utils import timezone

from ecoc_hub.core import schedule
from ecoc_hub.core.models import FixityRun, ScheduledJob

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task()
def _record_a_run() -> None:
    RUNS.append("ran")


@pytest.fixture
def job():
    RUNS.clear()
    saved = dict(schedule._jobs)
    schedule._jobs.clear()
    schedule.register("test.job", every=timedelta(hours=1), task=_record_a_run)
    yield
    schedule._jobs.clear()
    schedule._jobs.update(saved)


def test_a_new_job_is_due_at_once(job):
    assert schedule.run_due() == ["test.job"]
    assert RUNS == ["ran"]
    assert ScheduledJob.objects.get(name="test.job").last_run_at is not None


def test_a_job_is_not_run_again_before_its_period(job):
    now = timezone.now()
    schedule.run_due(now=now)

    assert schedule.run_due(now=now + timedelta(minutes=59)) == []
    assert RUNS == ["ran"]


def test_a_job_runs_again_once_its_period_has_passed(job):
    now = timezone.now()
    schedule.run_due(now=now)

    assert schedule.run_due(now=now + timedelta(hours=1)) == ["test.job"]
    assert RUNS == ["ran", "ran"]


def test_the_daily_fixity_sample_is_registered_and_runs():
    names = [job.name for job in schedule.registered()]
    assert "core.fixity_sample" in names

    schedule.run_due()

    assert FixityRun.objects.get().scope == "sample"
