"""Searches and listings from a real streaming replica, writes and
read-after-write on the primary (core/replicas.py).

The test starts its own PostgreSQL primary and a replica made with
``pg_basebackup`` (tests/pgcluster.py), migrates the primary, and runs
tests/core/replica_script.py in a process configured with both. While the
replica's replay is paused, a person who just saved their profile sees the
new name (pinned to the primary) and the same request without the pin sees
the old one: the replica really serves the reads. It runs in the
PostgreSQL pass of the suite; with CI=true missing binaries fail it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests import pgcluster

SCRIPT = Path(__file__).with_name("replica_script.py")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="runs in the PostgreSQL pass"
    ),
]


def _env(pair: pgcluster.Pair, data_dir: Path) -> dict[str, str]:
    # PYTEST_VERSION stays: the script runs with the test settings (plain
    # static files, tasks run at once), on these two databases.
    env = dict(os.environ)
    env.update(
        DATABASE_URL=pair.primary_url,
        DATABASE_REPLICA_URL=pair.replica_url,
        ECOC_HUB_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="ecoc_hub.settings",
        REDIS_URL="",
        ALLOWED_HOSTS="testserver",
    )
    return env


def test_reads_go_to_the_replica_and_writes_to_the_primary(tmp_path: Path) -> None:
    if pgcluster.bindir() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries are needed for the replica test")
        pytest.skip("PostgreSQL server binaries not installed")
    with pgcluster.replica_pair() as pair:
        env = _env(pair, tmp_path)
        # As `ecoc-hub serve` prepares a database: the migrations, then the
        # cache table (the search's facet counts are cached there).
        for command in (["migrate", "--no-input"], ["createcachetable"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "ecoc_hub", *command, "-v", "0"],
                env=env,
                check=True,
                timeout=600,
            )
        done = subprocess.run(  # noqa: S603
            [sys.executable, str(SCRIPT)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    lines = [
        line for line in done.stdout.splitlines() if line.startswith("REPLICA-RESULT ")
    ]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    seen = json.loads(lines[-1].removeprefix("REPLICA-RESULT "))

    expected = {
        "streaming_replicas": 1,
        "replica_refuses_writes": "ReadOnlySqlTransaction",
        "caught_up_after_setup": True,
        # An anonymous listing and a search read from the replica only.
        "listing_status": 200,
        "listing_primary_library_queries": 0,
        "search_status": 200,
        # A write goes to the primary, and the writer reads it back from there.
        "form_status": 200,
        "post_status": 302,
        "pin_cookie": True,
        "pinned_sees_write": True,
        # Without the pin, the paused replica still has the old name...
        "unpinned_sees_old": True,
        # ...until it replays the primary's WAL.
        "caught_up_after_resume": True,
        "unpinned_sees_write_later": True,
    }
    assert {key: seen.get(key) for key in expected} == expected, seen
    assert seen["health"][0] is True, seen["health"]
    assert seen["listing_replica_queries"] > 0, seen
    assert seen["search_replica_queries"] > 0, seen
