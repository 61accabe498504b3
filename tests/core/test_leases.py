"""Tasks of a worker that died are retried, then failed (issue 11, defect 2)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ecoc_hub.core import leases
from ecoc_hub.core.models import WorkerHeartbeat
from ecoc_hub.library import samples, services
from ecoc_hub.library.models import ResourceFile
from tests.library.conftest import stage

NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def lease(settings):
    settings.ECOC_HUB_TASK_LEASE_SECONDS = 60
    settings.ECOC_HUB_TASK_MAX_ATTEMPTS = 3
    settings.ECOC_HUB_TASK_RETRY_BACKOFF = 30


def _running(*, workers: list[str], started: dt.datetime, **kwargs) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": kwargs},
        task_path="ecoc_hub.library.tasks.extract_file",
        backend_name="default",
        started_at=started,
        worker_ids=workers,
    )


def _beat(worker_id: str, at: dt.datetime) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=at, last_seen=at)


@pytest.mark.django_db
def test_task_of_a_worker_without_heartbeat_is_queued_again_after_a_backoff(lease):
    _beat("dead", NOW - dt.timedelta(minutes=5))
    result = _running(workers=["dead"], started=NOW - dt.timedelta(minutes=5))

    recovered = leases.recover_abandoned_tasks(now=NOW)

    result.refresh_from_db()
    assert recovered == [
        leases.Recovered(str(result.id), result.task_path, 1, retried=True)
    ]
    assert (result.status, result.run_after) == (
        TaskResultStatus.READY,
        NOW + dt.timedelta(seconds=30),
    )


@pytest.mark.django_db
def test_backoff_doubles_with_each_attempt(lease):
    result = _running(
        workers=["a", "b"], started=NOW - dt.timedelta(minutes=5)
    )  # neither ever beat: gone

    leases.recover_abandoned_tasks(now=NOW)

    result.refresh_from_db()
    assert result.run_after == NOW + dt.timedelta(seconds=60)


@pytest.mark.django_db
def test_task_of_a_live_worker_is_left_alone(lease):
    _beat("alive", NOW - dt.timedelta(seconds=10))
    result = _running(workers=["alive"], started=NOW - dt.timedelta(minutes=30))

    assert leases.recover_abandoned_tasks(now=NOW) == []
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_task_just_claimed_is_left_alone(lease):
    result = _running(workers=["new"], started=NOW - dt.timedelta(seconds=5))

    assert leases.recover_abandoned_tasks(now=NOW) == []
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_after_the_last_attempt_the_task_and_its_file_fail_with_the_reason(
    lease, member
):
    draft = services.create_draft(owner=member, title="Draft")
    services.add_file(
        resource=draft,
        staged=stage(samples.build_pdf(["text"]), "a.pdf"),
        uploaded_by=member,
    )
    file = ResourceFile.objects.get(resource=draft)
    ResourceFile.objects.filter(pk=file.pk).update(extraction_status="pending")
    result = _running(
        workers=["w1", "w2", "w3"],
        started=NOW - dt.timedelta(minutes=5),
        file_id=file.pk,
    )

    leases.recover_abandoned_tasks(now=NOW)

    result.refresh_from_db()
    file.refresh_from_db()
    reason = (
        "The worker w3 stopped while running this task (attempt 3 of 3): "
        "no heartbeat for 60 seconds. It is not retried again."
    )
    assert (result.status, result.finished_at) == (TaskResultStatus.FAILED, NOW)
    assert result.exception_class_path == "ecoc_hub.core.leases.WorkerLost"
    assert result.traceback == f"ecoc_hub.core.leases.WorkerLost: {reason}\n"
    assert (file.extraction_status, file.extraction_error) == (
        "failed",
        f"Extraction stopped: {reason}",
    )


# A real worker, killed with SIGKILL ----------------------------------------------

SETUP = """
import json
from pathlib import Path
from django.conf import settings
from ecoc_hub.library.models import Blob, Resource, ResourceFile
from ecoc_hub.library.tasks import extract_file

resource = Resource.objects.create(title="Killed", slug="killed")
blob = Blob.objects.create(
    sha256="{sha}", size=5, media_type="text/plain", storage_name="{name}"
)
file = ResourceFile.objects.create(
    resource=resource, blob=blob, kind="txt", original_name="a.txt"
)
result = extract_file.enqueue(file_id=file.pk)
print(json.dumps({{"file": file.pk, "task": str(result.id)}}))
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from ecoc_hub.library.models import ResourceFile

task = DBTaskResult.objects.get(id="{task}")
file = ResourceFile.objects.get(pk={file})
print(json.dumps({{
    "status": task.status,
    "workers": task.worker_ids,
    "traceback": task.traceback,
    "file": file.extraction_status,
    "error": file.extraction_error,
    "text": list(file.pages.values_list("text", flat=True)),
}}))
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A data directory with a migrated SQLite database, for the subprocesses."""
    data = tmp_path_factory.mktemp("leases") / "data"
    subprocess.run(
        [sys.executable, "-m", "ecoc_hub", "migrate", "-v0"],
        env=_env(data),
        check=True,
        timeout=600,
    )
    return data


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_VERSION", "DATABASE_URL", "TASKS_BACKEND"}
    }
    env.update(
        ECOC_HUB_DATA_DIR=str(data),
        ECOC_HUB_TASK_LEASE_SECONDS="2",
        ECOC_HUB_TASK_RETRY_BACKOFF="1",
        **extra,
    )
    return env


def _shell(data: Path, code: str) -> dict:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "ecoc_hub", "shell", "-c", code],
        env=_env(data),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _start_worker(data: Path, **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ecoc_hub", "worker", "--interval", "0.2"],
        env=_env(data, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its extraction children share its group
    )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _wait_for(data: Path, ids: dict, condition, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        state = _shell(data, STATE.format(**ids))
        if condition(state):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting; last state: {state}")
        time.sleep(0.5)


def _blocked_extraction(data: Path, name: str) -> tuple[dict, Path]:
    """A file whose content is a FIFO nobody writes to: its extraction blocks,
    so the worker is certainly inside the task when it is killed."""
    path = data / "media" / "blocking" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    sha = name.encode().hex().ljust(64, "0")[:64]
    ids = _shell(data, SETUP.format(sha=sha, name=f"blocking/{name}"))
    return ids, path


@pytest.mark.slow
def test_task_of_a_killed_worker_is_retried_by_the_next_worker(migrated):
    ids, path = _blocked_extraction(migrated, "retried.txt")
    worker = _start_worker(migrated)
    try:
        _wait_for(migrated, ids, lambda s: s["status"] == "RUNNING")
    finally:
        _kill_group(worker)
    # The content can be read now: the retry succeeds.
    path.unlink()
    path.write_text("Found on the second attempt")

    worker = _start_worker(migrated)
    try:
        state = _wait_for(
            migrated,
            ids,
            lambda s: s["status"] != "RUNNING" and (s["status"] != "READY"),
        )
    finally:
        _kill_group(worker)

    assert (state["status"], len(state["workers"])) == ("SUCCESSFUL", 2)
    assert (state["file"], state["text"]) == ("ok", ["Found on the second attempt"])


@pytest.mark.slow
def test_task_killed_on_its_last_attempt_fails_and_so_does_its_file(migrated):
    ids, _path = _blocked_extraction(migrated, "failed.txt")
    worker = _start_worker(migrated, ECOC_HUB_TASK_MAX_ATTEMPTS="1")
    try:
        state = _wait_for(migrated, ids, lambda s: s["status"] == "RUNNING")
    finally:
        _kill_group(worker)
    dead = state["workers"][-1]

    worker = _start_worker(migrated, ECOC_HUB_TASK_MAX_ATTEMPTS="1")
    try:
        state = _wait_for(migrated, ids, lambda s: s["status"] == "FAILED")
    finally:
        _kill_group(worker)

    reason = (
        f"The worker {dead} stopped while running this task (attempt 1 of 1): "
        "no heartbeat for 2 seconds. It is not retried again."
    )
    assert state["traceback"] == f"ecoc_hub.core.leases.WorkerLost: {reason}\n"
    assert (state["file"], state["error"]) == (
        "failed",
        f"Extraction stopped: {reason}",
    )
