"""``ecoc-hub serve`` for real: a subprocess with its own data directory."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from ecoc_hub.cities.reference import DATA_DIR as REFERENCE_DIR
from ecoc_hub.core import lifeline as lifeline_module

pytestmark = pytest.mark.slow

# Seconds. A first start migrates a new database: 95 s were seen on a busy
# 2-core machine.
START_TIMEOUT = 240
# serve gives its children 15 s to stop before it kills them; the rest is
# margin for a loaded machine (a bound on a hang, not a speed requirement).
STOP_TIMEOUT = 60


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


# Links follow the port serve listens on (issue 9, point 3) -----------------


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"PYTEST_VERSION", "DEBUG", "DATABASE_URL", "SECRET_KEY", "SITE_URL"}
    }
    env["ECOC_HUB_DATA_DIR"] = str(tmp_path / "data")
    env.update(extra)
    return env


def _hub(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "ecoc_hub", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=START_TIMEOUT,
    )


def _start(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    """serve on ``port``; its output goes to serve-<port>.log in the data
    directory's parent (a pipe nobody reads would block gunicorn's log)."""
    log = Path(env["ECOC_HUB_DATA_DIR"]).parent / f"serve-{port}.log"
    command = [sys.executable, "-m", "ecoc_hub", "serve", "--port", str(port)]
    with log.open("a", encoding="utf-8") as output:
        return subprocess.Popen(  # noqa: S603
            [*command, "--workers", "1"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )


def _wait_healthy(process: subprocess.Popen[str], base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _get(f"{base}/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"serve did not become healthy (exit {process.poll()})")


def _kill_all(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        for pid in _descendants(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


SHOW_AND_EPISODE = """
import io
from ecoc_hub.podcasts import demo, files, services
from ecoc_hub.podcasts.models import Season, Show
artwork = files.check_artwork(io.BytesIO(demo.artwork_png()))
show = services.save_show(show=Show(**{**demo.SHOW, "slug": "ports"}), artwork=artwork)
season = services.save_season(
    season=Season(show=show, number=1, title="One", description="One")
)
spec = demo.SEASONS[0]
demo._create_episode(show, season, spec, 1, spec["episodes"][0], {}, [], None)
"""


def test_serve_without_site_url_makes_every_link_point_to_its_own_port(tmp_path):
    env = _env(tmp_path)
    _hub(env, "migrate", "--no-input")
    _hub(env, "shell", "-c", SHOW_AND_EPISODE)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start(env, port)
    try:
        _wait_healthy(process, base)
        log = tmp_path / f"serve-{port}.log"
        first_line = log.read_text(encoding="utf-8").splitlines()[0]

        show_page = _get(f"{base}/podcasts/ports/")[1]
        feed = _get(f"{base}/podcasts/ports/feed.xml")[1]
        oai = _get(f"{base}/oai?verb=Identify")[1]
        titles = json.loads(_get(f"{base}/api/v1/title-cities?per_page=2")[1])
        accessibility = _get(f"{base}/accessibility/")[1]
        sitemap = _get(f"{base}/sitemap.xml")[1]
        site = sqlite3.connect(tmp_path / "data" / "ecoc-hub.sqlite3").execute(
            "SELECT domain FROM django_site"
        )
        domains = [row[0] for row in site]
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        finally:
            _kill_all(process)

    assert first_line == (
        "SITE_URL is not set: links in pages, feeds, e-mails and the API use "
        f"{base}, where this server listens."
    )
    assert f"<code>{base}/podcasts/ports/feed.xml</code>" in show_page
    enclosures = re.findall(r'<enclosure url="([^"]+)"', feed)
    assert len(enclosures) == 1
    assert enclosures[0].startswith(f"{base}/")
    assert f"<baseURL>{base}/oai</baseURL>" in oai
    assert titles["links"]["next"] == f"{base}/api/v1/title-cities?per_page=2&page=2"
    assert f"This statement applies to {base}." in accessibility
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap)[0].startswith(f"{base}/")
    assert domains == [f"127.0.0.1:{port}"]
    for text in (show_page, feed, oai, accessibility, sitemap, json.dumps(titles)):
        assert "127.0.0.1:8000" not in text


@pytest.mark.parametrize(
    ("site_url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("https://hub.example.org", True),
        ("http://127.0.0.1:8077", False),
        ("http://localhost:8077/", False),
    ],
)
def test_serve_warns_when_site_url_is_not_where_it_listens(
    monkeypatch, site_url, warned
):
    from io import StringIO

    from ecoc_hub.core.management.commands.serve import Command

    monkeypatch.setenv("SITE_URL", site_url)
    out, err = StringIO(), StringIO()
    command = Command(stdout=out, stderr=err)

    used = command._site_url("127.0.0.1", 8077)

    assert used == site_url.rstrip("/")
    assert out.getvalue() == ""
    expected = (
        f"Warning: SITE_URL is {site_url.rstrip('/')} but this server listens on "
        "http://127.0.0.1:8077. Links in pages, feeds, e-mails and the API point "
        "to SITE_URL: right behind a proxy that forwards it here, wrong otherwise.\n"
    )
    assert err.getvalue() == (expected if warned else "")


# Nothing outlives a killed serve (issue 11, defects 3 and 11) ---------------


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # As a server binds (gunicorn too): connections of the killed server
        # waiting in TIME_WAIT do not hold the port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def short_path():
    """A data directory shallow enough for the processes' own temporary
    directories to stay in it: pytest's ``tmp_path`` is too deep, and the
    fallback (``lifeline.SHORT_ROOT``) is shared with every other ecoc-hub
    process on the machine, such as a suite running beside this one."""
    path = Path(tempfile.mkdtemp(prefix="ecoc-serve-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("lifeline", ["kernel", "pipe"])
def test_children_die_when_serve_is_killed_and_the_port_is_free_again(
    short_path, lifeline
):
    tmp_path = short_path
    env = _env(tmp_path)
    if lifeline == "pipe":  # the mechanism of systems without PR_SET_PDEATHSIG
        env["ECOC_HUB_LIFELINE"] = "pipe"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    first = _start(env, port)
    try:
        _wait_healthy(first, base)
        children = _descendants(first.pid)
        assert len(children) == 3  # gunicorn master, its worker, the task worker
        tmp_root = tmp_path / "data" / "tmp"
        assert lifeline_module.fits_a_socket(tmp_root / "serve-0000000-00000000000")
        left_behind = sorted(path.name for path in tmp_root.iterdir())

        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline and any(map(_is_running, children)):
            time.sleep(0.2)

        assert [pid for pid in children if _is_running(pid)] == []
        assert _port_is_free(port)
        assert [name.split("-")[0] for name in left_behind] == ["serve", "worker"]
        assert sorted(path.name for path in tmp_root.iterdir()) == left_behind
    finally:
        _kill_all(first)

    second = _start(env, port)
    try:
        _wait_healthy(second, base)
        # The killed worker's last heartbeat may still count as healthy: wait
        # for the new worker's directory too.
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and len(list(tmp_root.iterdir())) < 2:
            time.sleep(0.2)
        # The second start removed the directories of the killed processes.
        now = sorted(path.name for path in tmp_root.iterdir())
        assert len(now) == 2
        assert set(now) & set(left_behind) == set()
    finally:
        os.killpg(second.pid, signal.SIGINT)
        try:
            second.wait(timeout=STOP_TIMEOUT)
        finally:
            _kill_all(second)
    assert second.returncode == 0
