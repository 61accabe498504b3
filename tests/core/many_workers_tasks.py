"""The task the workers of tests/core/test_many_workers.py run.

It writes a row when it starts and one when it ends, each committed at once,
into a table the test creates, so the test can tell a task that ran twice
from one that ran once, and which worker process ran it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.db import connection
from django.tasks import task

TABLE = "test_many_workers_run"
HOLD_SECONDS = 120  # at most; the test releases a held task long before


def _record(number: int, phase: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (number, phase, pid) VALUES (%s, %s, %s)",  # noqa: S608
            [number, phase, os.getpid()],
        )


@task()
def record_run(*, number: int, seconds: float = 0.0, hold: str = "") -> int:
    """Record the start, work for ``seconds``, or until the file ``hold``
    exists when one is named, then record the end."""
    _record(number, "start")
    time.sleep(seconds)
    if hold:
        deadline = time.monotonic() + HOLD_SECONDS
        while not Path(hold).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    _record(number, "end")
    return number
