"""Several task workers on one database (issue 16's concurrent workers; the
lease of issue 11, defect 2).

Three real ``ecoc-hub worker`` processes share the suite's database (the
SQLite file, or PostgreSQL when ``DATABASE_URL`` names one, so CI's two runs
cover both). The test enqueues tasks that record each start and each end in
a table of their own; one task holds until the test releases it, and the
worker running it is killed with SIGKILL. Then:

- every task ended exactly once, and every task but the held one started
  exactly once: no two workers claimed the same task;
- the held task was taken back from the dead worker by the lease
  (``core.leases``), retried by another worker and ended there;
- the periodic jobs the three workers look for at start-up were each
  enqueued once (``core.schedule``).

Bounded: the waits only catch a hang, far above what a loaded machine
needs; each worker stops by itself after ``LIFETIME`` seconds (SIGALRM),
and with the test process (``PR_SET_PDEATHSIG``) if that is killed first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ecoc_hub.core import schedule
from ecoc_hub.core.lifeline import die_with_parent_preexec
from ecoc_hub.core.models import WorkerHeartbeat

from .many_workers_tasks import TABLE, record_run

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
TASKS = 30
HELD = 0  # the number of the task that holds until released
LEASE_SECONDS = 3
LIFETIME = 240  # seconds; a worker left behind by a broken run stops by then
TIMEOUT = 180  # for each wait: catches a hang only


def _database_url() -> str:
    """The URL of the database this test runs on, for the workers."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        user += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}@{host}/{db['NAME']}"


def _env(data: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_VERSION", "DATABASE_URL", "TASKS_BACKEND", "DEBUG"}
    }
    paths = [str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]
    env |= {
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        "DATABASE_URL": _database_url(),
        "ECOC_HUB_DATA_DIR": str(data),
        "ECOC_HUB_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "ECOC_HUB_TASK_RETRY_BACKOFF": "1",
        "ECOC_HUB_TASK_MAX_ATTEMPTS": "3",
    }
    return env


def _bounded_preexec() -> Callable[[], None]:
    die_with_parent = die_with_parent_preexec()

    def preexec() -> None:
        die_with_parent()
        signal.alarm(LIFETIME)  # kept across exec; its default action ends the process

    return preexec


def _start_worker(worker_id: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "ecoc_hub", "worker", "--interval", "0.1"]
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603
            [*command, "--worker-id", worker_id],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=_bounded_preexec(),
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _wait_for(what: str, condition: Callable[[], bool], logs: list[Path]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            tails = "\n".join(
                f"--- {log.name}\n{log.read_text()[-2000:]}" for log in logs
            )
            raise AssertionError(f"gave up waiting for {what}\n{tails}")
        time.sleep(0.2)


def _runs() -> list[tuple[int, str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, phase, pid FROM {TABLE}")  # noqa: S608
        return [(number, phase, pid) for number, phase, pid in cursor.fetchall()]


@pytest.fixture
def run_table():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (number integer NOT NULL, "
            "phase varchar(8) NOT NULL, pid integer NOT NULL)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TABLE}")


def test_three_workers_run_each_task_once_and_a_killed_workers_task_is_retried(
    run_table, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env = _env(tmp_path / "data")
    ids = [f"many-{n}" for n in range(WORKERS)]
    logs = [tmp_path / f"{worker_id}.log" for worker_id in ids]
    workers = {
        worker_id: _start_worker(worker_id, env, log)
        for worker_id, log in zip(ids, logs, strict=True)
    }
    release = tmp_path / "release"
    try:
        # Every worker is up (it beats once before it takes a task), so the
        # tasks are shared between the three rather than all taken by the
        # first to start.
        _wait_for(
            "the workers' first heartbeat",
            lambda: (
                WorkerHeartbeat.objects.filter(worker_id__in=ids).count() == WORKERS
            ),
            logs,
        )
        held = record_run.enqueue(number=HELD, hold=str(release))
        for number in range(1, TASKS):
            record_run.enqueue(number=number, seconds=0.2)

        _wait_for(
            "the held task to start",
            lambda: (
                DBTaskResult.objects.get(id=held.id).status == TaskResultStatus.RUNNING
            ),
            logs,
        )
        first = DBTaskResult.objects.get(id=held.id).worker_ids[-1]
        workers[first].send_signal(signal.SIGKILL)
        workers[first].wait(timeout=30)
        release.touch()

        mine = DBTaskResult.objects.filter(task_path=record_run.module_path)
        _wait_for(
            "every task to end",
            lambda: mine.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS,
            logs,
        )
        runs = _runs()
        retried = DBTaskResult.objects.get(id=held.id)
    finally:
        for process in workers.values():
            _stop(process)

    ends = Counter(number for number, phase, _pid in runs if phase == "end")
    starts = Counter(number for number, phase, _pid in runs if phase == "start")
    assert ends == dict.fromkeys(range(TASKS), 1)
    assert starts == {**dict.fromkeys(range(TASKS), 1), HELD: 2}
    assert retried.worker_ids[0] == first
    assert len(retried.worker_ids) == 2
    assert retried.worker_ids[1] in set(ids) - {first}
    pids = {worker_id: process.pid for worker_id, process in workers.items()}
    held_runs = [(phase, pid) for number, phase, pid in runs if number == HELD]
    second = pids[retried.worker_ids[1]]
    assert sorted(held_runs) == sorted(
        [("start", pids[first]), ("start", second), ("end", second)]
    )
    # The periodic jobs: the three workers looked for due ones at the same
    # moment, and each was enqueued once.
    expected = Counter(job.task.module_path for job in schedule.registered())
    enqueued = Counter(
        DBTaskResult.objects.filter(task_path__in=expected).values_list(
            "task_path", flat=True
        )
    )
    assert enqueued == expected
