"""``ecoc-hub serve`` for real: a subprocess with its own data directory."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from ecoc_hub.cities.reference import DATA_DIR as REFERENCE_DIR

pytestmark = pytest.mark.slow

START_TIMEOUT = 90  # seconds; a first start migrates a new database
STOP_TIMEOUT = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found |= {child} | _descendants(child)
    return found


def _is_running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _a_title_city_of_this_year() -> str:
    with (REFERENCE_DIR / "ecoc_titles.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    this_year = [row["city"] for row in rows if int(row["year"]) == date.today().year]
    return sorted(this_year)[0]


@pytest.fixture
def served(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_VERSION", "DEBUG", "DATABASE_URL", "SECRET_KEY"}
    }
    env["ECOC_HUB_DATA_DIR"] = str(tmp_path / "data")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        # One web worker: the test is about the processes' lifecycle, and a
        # busy CI machine starts one faster than two.
        [
            sys.executable,
            "-m",
            "ecoc_hub",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, like a terminal job
    )
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:  # the test failed: leave nothing running
            for pid in _descendants(process.pid):
                os.kill(pid, signal.SIGKILL)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_runs_the_site_and_a_worker_and_ctrl_c_stops_both(served):
    process, base = served
    deadline = time.monotonic() + START_TIMEOUT
    health: tuple[int, str] = (0, "")
    while time.monotonic() < deadline and process.poll() is None:
        try:
            health = _get(f"{base}/health")
        except OSError:  # not listening yet
            health = (0, "")
        if health[0] == 200:
            break
        time.sleep(0.2)

    assert health[0] == 200
    assert json.loads(health[1])["checks"]["worker"]["ok"] is True
    status, home = _get(f"{base}/")
    assert status == 200
    assert _a_title_city_of_this_year() in home
    children = _descendants(process.pid)
    assert len(children) == 3  # gunicorn master, its worker, the task worker

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    process.wait(timeout=STOP_TIMEOUT)

    assert process.returncode == 0
    assert [pid for pid in children if _is_running(pid)] == []
