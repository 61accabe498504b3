"""The crash test (issue 11): ``ecoc-hub serve`` in a subprocess, on SQLite and
on PostgreSQL, while two API clients deposit, upload, submit and publish and
an operator withdraws and edits, gets its web workers, its task worker and
the extraction children killed with SIGKILL at seeded random moments; then it
is restarted, the queue drains, and the site must have lost nothing:

- the database is intact (``PRAGMA integrity_check``; PostgreSQL answers),
- every stored file is there with its checksum (``core.fixity``), and no
  blob is stored that no record knows,
- no task is left running and none is waiting,
- ``reindex --check`` finds no difference,
- every operation a client saw succeed is in the database.

The API has no operation to withdraw or edit a record yet, so the operator is
one long-lived process of its own that calls the services (as the web forms
do), reading commands on its standard input; it is never killed.

An extraction child lives a fraction of a second, far less than the time
between two kills, so a kill aimed at one (a seeded share of them) watches
the fork server's children for up to ``CATCH_SECONDS`` and kills the first
it sees; the clients upload PDFs of ``PAGES`` pages so that each extraction
runs long enough to be caught. At least one extraction child must have been
killed per database.

Bounded: ``ECOC_HUB_CRASH_KILLS`` kills (50 by default), a kill every 0.1 to
0.8 s. The test runs on the database of the suite's run (SQLite, or
PostgreSQL when ``DATABASE_URL`` names one), so CI's two runs cover both.
Its time limits only catch a hang (``ECOC_HUB_CRASH_SECONDS``, 1800 s for
the kills; 900 s for a start; 600 s for the queue to drain): they are far
above what a loaded machine needs, because a test must not depend on the
machine being idle. Killing the task worker ends ``serve``
(it stops when a child dies), which is then started again; a killed web
worker is replaced by gunicorn, a killed extraction child is retried by the
worker. The seed is ``ECOC_HUB_CRASH_SEED`` (printed on failure).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from ecoc_hub.library import samples

from .test_serve import _descendants, _free_port, _get

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("ECOC_HUB_CRASH_KILLS", "50"))
SECONDS = float(os.environ.get("ECOC_HUB_CRASH_SECONDS", "1800"))
# Killing the task worker ends serve, and a start takes 10-40 s on a loaded
# machine: a few of those, the rest web workers and extraction children.
WORKER_KILLS = int(os.environ.get("ECOC_HUB_CRASH_WORKER_KILLS", "3"))
SEED = int(os.environ.get("ECOC_HUB_CRASH_SEED", "20261202"))
# Web workers, task worker, extraction children: relative weights of a kill's
# target. Web kills are few, so that uploads get through to be extracted.
WEIGHTS = [2, 1, 5]
# How long a kill aimed at an extraction child watches for one (then it
# kills a web worker instead), and how often it looks.
CATCH_SECONDS = 6.0
CATCH_POLL = 0.005
# Pages of each uploaded PDF, four lines each: about 0.5 MB, whose
# extraction child runs for a few tenths of a second.
PAGES = 800
START_TIMEOUT = 900
DRAIN_TIMEOUT = 600
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

SETUP = """
import json
from ecoc_hub.accounts.models import User
from ecoc_hub.api.services import create_token
from django.contrib.auth.models import Group
tokens = {}
for name, role in [("alice", "member"), ("bruno", "member"), ("cora", "curator")]:
    email = name + "@example.org"
    user = User.objects.create_user(email=email, password="x-Pass-2026!")
    user.groups.add(Group.objects.get(name=role))
    tokens[name] = create_token(user=user, name="crash").secret
print(json.dumps(tokens))
"""

# One command a line on stdin, one JSON answer a line on stdout.
OPERATOR = """
import json, sys
from ecoc_hub.accounts.models import User
from ecoc_hub.library import services
from ecoc_hub.library.models import Resource
curator = User.objects.get(email="cora@example.org")
for line in sys.stdin:
    command = json.loads(line)
    try:
        resource = Resource.objects.get(uuid=command["uuid"])
        if command["op"] == "withdraw":
            services.withdraw(resource=resource, curator=curator, reason="Crash test")
        else:
            services.update_metadata(
                resource=resource, editor=curator, values={"title": command["title"]}
            )
        answer = {"ok": True}
    except Exception as error:
        answer = {"ok": False, "error": repr(error)}
    print(json.dumps(answer), flush=True)
"""

CHECK = """
import json, sys
from django.core.files.storage import default_storage
from django.db import connection
from django_tasks_db.models import DBTaskResult
from ecoc_hub.core import storedfiles
from ecoc_hub.core.fixity import check_file
from ecoc_hub.library.models import Blob, Resource, ResourceFile
from ecoc_hub.search.consistency import check_index

seen = json.load(sys.stdin)
# What the hourly sweep does once the blobs of uploads cut off by a kill are
# an hour old: a blob written before its row, in a transaction that a SIGKILL
# ended, has no row to name it.
from datetime import timedelta
from ecoc_hub.library.periodic import sweep_orphan_blobs
swept = sweep_orphan_blobs(min_age=timedelta(0))
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA integrity_check")
        integrity = [row[0] for row in cursor.fetchall()]
    else:
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        integrity = ["ok"] if cursor.fetchone()[0] >= 1 else ["no answer"]
bad_files = [
    f"{finding.name}: {finding.status}"
    for finding in (check_file(f) for f in storedfiles.inventory().values())
    if finding.status != "ok"
]
known = set(Blob.objects.values_list("storage_name", flat=True))
stored = {name for name in storedfiles.walk(default_storage, "blobs")}
tasks = {
    "READY": DBTaskResult.objects.ready().count(),
    "RUNNING": DBTaskResult.objects.running().count(),
}
lost = []
for uuid, expected in seen["resources"].items():
    resource = Resource.objects.filter(uuid=uuid).first()
    if resource is None:
        lost.append(f"{uuid}: missing")
        continue
    # A request can succeed on the server and its answer be lost with the
    # killed worker: the record may be further along than the client saw,
    # never behind.
    order = ["draft", "submitted", "published", "withdrawn"]
    state = expected.get("state")
    if state and (
        resource.state not in order or order.index(resource.state) < order.index(state)
    ):
        lost.append(f"{uuid}: {resource.state}, but the client saw {state}")
    if expected.get("title") and resource.title != expected["title"]:
        title = expected["title"]
        lost.append(f"{uuid}: title {resource.title!r}, not {title!r}")
    files = ResourceFile.objects.filter(resource=resource)
    hashes = set(files.values_list("blob__sha256", flat=True))
    for sha in expected.get("files", []):
        if sha not in hashes:
            lost.append(f"{uuid}: file {sha[:12]} missing")
pending = ResourceFile.objects.filter(extraction_status="pending").count()
print(json.dumps({
    "integrity": integrity,
    "bad_files": bad_files,
    "orphans": sorted(stored - known),
    "swept": swept,
    "tasks": tasks,
    "pending_files": pending,
    "index": [str(d) for d in check_index()],
    "lost": lost,
    "resources": Resource.objects.count(),
    "files": ResourceFile.objects.count(),
}))
"""

# Running tasks and those due (a periodic job queued for later is not due).
MIGRATE = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
"""

QUEUE = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count())
"""


@dataclass
class Seen:
    """What the clients saw succeed, per resource."""

    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    operations: int = 0

    def record(self, uuid: str, **values: Any) -> None:
        with self.lock:
            entry = self.resources.setdefault(uuid, {"files": []})
            for key, value in values.items():
                if key == "file":
                    entry["files"].append(value)
                else:
                    entry[key] = value
            self.operations += 1

    def published(self) -> list[str]:
        with self.lock:
            return [
                uuid
                for uuid, entry in self.resources.items()
                if entry.get("state") == "published"
            ]


def _python(env: dict[str, str], code: str, stdin: str = "") -> str:
    script = "import django; django.setup()\n" + code
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def parent_of(stat: str) -> int:
    """The parent's process id, from the text of /proc/<pid>/stat."""
    return int(stat.rsplit(")", 1)[1].split()[1])


class Site:
    """serve, started again whenever it stopped."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    *(sys.executable, "-m", "ecoc_hub", "serve"),
                    *("--port", str(self.port), "--workers", "2"),
                ],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(OSError):
                if _get(f"{self.base}/health")[0] in (200, 503):
                    return
            time.sleep(0.2)
        raise AssertionError(f"serve did not start (exit {self.process.poll()})")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def children(self) -> tuple[list[int], int | None, list[int]]:
        """(web workers, task worker, extraction children) now running.

        gunicorn's workers are the children of its master; an extraction
        child is a child of the worker's fork server (forked, so it has the
        server's command line).
        """
        assert self.process is not None
        found: dict[int, tuple[int, bytes]] = {}
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for pid in _descendants(self.process.pid):
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                    stat = Path(f"/proc/{pid}/stat").read_text()
                    parent = parent_of(stat)
                    found[pid] = (parent, command.replace(b"\0", b" "))
        masters = {
            pid
            for pid, (parent, text) in found.items()
            if b"gunicorn" in text and parent == self.process.pid
        }
        workers = [
            pid for pid, (_, text) in found.items() if b"ecoc_hub worker" in text
        ]
        servers = {
            pid
            for pid, (parent, text) in found.items()
            if b"forkserver" in text and parent in workers
        }
        web = [pid for pid, (parent, _) in found.items() if parent in masters]
        extraction = [pid for pid, (parent, _) in found.items() if parent in servers]
        return web, (workers[0] if workers else None), extraction

    def extraction_server(self) -> int | None:
        """The task worker's fork server (the extraction children's parent)."""
        assert self.process is not None
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for pid in _descendants(self.process.pid):
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                    stat = Path(f"/proc/{pid}/stat").read_text()
                    parent = Path(f"/proc/{parent_of(stat)}/cmdline").read_bytes()
                    if b"forkserver" in command and b"ecoc_hub\0worker" in parent:
                        return pid
        return None

    def catch_extraction(self, seconds: float) -> int | None:
        """An extraction child running now, watched for up to ``seconds``."""
        deadline = time.monotonic() + seconds
        server = None
        while time.monotonic() < deadline and self.alive():
            if server is None:
                server = self.extraction_server()
                if server is None:  # not started yet (first extraction)
                    time.sleep(0.1)
                    continue
            try:
                children = Path(f"/proc/{server}/task/{server}/children").read_text()
            except (FileNotFoundError, ProcessLookupError):
                server = None  # the worker was restarted
                continue
            for pid in map(int, children.split()):
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    state = Path(f"/proc/{pid}/stat").read_text()
                    if state.rsplit(")", 1)[1].split()[0] != "Z":
                        return pid
            time.sleep(CATCH_POLL)
        return None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            for pid in _descendants(self.process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _client(
    site: Site, token: str, curator: str, seen: Seen, stop: threading.Event, n: int
) -> None:
    """Deposit, upload, submit and publish, again and again; record what
    the server answered with success."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    publisher = {"Authorization": f"Bearer {curator}"}
    rounds = 0
    while not stop.is_set():
        rounds += 1
        try:
            answer = session.post(
                f"{site.base}/api/v1/resources",
                json={
                    "title": f"Crash {n}-{rounds}",
                    "publication_year": 2026,
                    "languages": ["en"],
                    "creators": [{"name": f"Client {n}"}],
                },
                timeout=20,
            )
            if answer.status_code != 201:
                continue
            uuid = answer.json()["uuid"]
            seen.record(uuid, state="draft")
            pages = [
                " ".join(
                    f"Page {p} line {line} of round {rounds} by client {n}."
                    for line in range(4)
                )
                for p in range(PAGES)
            ]
            data = samples.build_pdf(pages, title=f"Crash {n}-{rounds}")
            answer = session.post(
                f"{site.base}/api/v1/resources/{uuid}/files",
                files={"file": ("crash.pdf", data, "application/pdf")},
                timeout=30,
            )
            if answer.status_code != 201:
                continue
            seen.record(uuid, file=hashlib.sha256(data).hexdigest())
            answer = session.post(
                f"{site.base}/api/v1/resources/{uuid}/submit", timeout=20
            )
            if answer.status_code != 200:
                continue
            seen.record(uuid, state="submitted")
            answer = requests.post(
                f"{site.base}/api/v1/resources/{uuid}/publish",
                headers=publisher,
                timeout=20,
            )
            if answer.status_code == 200:
                seen.record(uuid, state="published")
        except requests.RequestException:
            time.sleep(0.2)  # the server is being killed: try again


def _operator(
    env: dict[str, str], seen: Seen, stop: threading.Event, rng: random.Random
) -> None:
    """Withdraw and edit published records through the services."""
    script = "import django; django.setup()\n" + OPERATOR
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    edits = 0
    try:
        while not stop.wait(0.5):
            published = seen.published()
            if not published:
                continue
            uuid = rng.choice(published)
            if rng.random() < 0.4:
                command = {"op": "withdraw", "uuid": uuid}
            else:
                edits += 1
                command = {"op": "edit", "uuid": uuid, "title": f"Edited {edits}"}
            process.stdin.write(json.dumps(command) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            if answer["ok"] and command["op"] == "withdraw":
                seen.record(uuid, state="withdrawn")
            elif answer["ok"]:
                seen.record(uuid, title=command["title"])
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def _database(kind: str, tmp_path: Path) -> tuple[dict[str, str], str | None]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PYTEST_VERSION",
            "DEBUG",
            "DATABASE_URL",
            "SECRET_KEY",
            "SITE_URL",
            "TASKS_BACKEND",
        }
    }
    env["ECOC_HUB_DATA_DIR"] = str(tmp_path / "data")
    # A dead worker's task is taken back after 6 s and retried after 1 s, so
    # the queue drains within the test's time.
    env |= {
        "ECOC_HUB_TASK_LEASE_SECONDS": "6",
        "ECOC_HUB_TASK_RETRY_BACKOFF": "1",
        "ECOC_HUB_TASK_MAX_ATTEMPTS": "4",
        "ECOC_HUB_API_RATE_PER_TOKEN": "100000/min",
        "ECOC_HUB_API_RATE_PER_ADDRESS": "100000/min",
    }
    if kind == "sqlite":
        return env, None
    configured = os.environ.get("DATABASE_URL", "")
    test_name = (
        "test_" + urlsplit(configured).path.lstrip("/")
        if configured.startswith("postgres")
        else "test_ecoc_hub"
    )
    name = f"{test_name}_crash"
    env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
    return env, name


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


# The run's own database: the SQLite run crashes SQLite, the PostgreSQL run
# PostgreSQL (each in a database of its own), not both twice.
KIND = (
    "postgresql"
    if os.environ.get("DATABASE_URL", "").startswith("postgres")
    else "sqlite"
)


@pytest.mark.parametrize("kind", [KIND])
def test_nothing_is_lost_when_processes_are_killed(kind, tmp_path):
    env, pg_name = _database(kind, tmp_path)
    if pg_name is not None:
        try:
            _pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            _pg(f'CREATE DATABASE "{pg_name}"')
        except Exception as error:
            if os.environ.get("CI"):
                raise
            pytest.skip(f"PostgreSQL is not reachable: {error}")
    rng = random.Random(f"{SEED}-{kind}")
    site = Site(env, tmp_path / "serve.log")
    stop = threading.Event()
    seen = Seen()
    kills: dict[str, int] = {"web": 0, "worker": 0, "extraction": 0}
    began = time.monotonic()
    try:
        _python(env, MIGRATE)
        tokens = json.loads(_python(env, SETUP))
        site.start()
        threads = [
            threading.Thread(
                target=_client, args=(site, tokens[name], tokens["cora"], seen, stop, n)
            )
            for n, name in enumerate(["alice", "bruno"])
        ]
        threads.append(threading.Thread(target=_operator, args=(env, seen, stop, rng)))
        for thread in threads:
            thread.start()
        while sum(kills.values()) < KILLS and time.monotonic() - began < SECONDS:
            time.sleep(rng.uniform(0.1, 0.8))
            if not site.alive():
                site.start()
                continue
            choice = rng.choices(["web", "worker", "extraction"], weights=WEIGHTS)[0]
            if choice == "extraction":
                child = site.catch_extraction(CATCH_SECONDS)
                if child is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
                        kills["extraction"] += 1
                    continue
                choice = "web"  # none ran: the uploads are not getting through
            web, worker, _ = site.children()
            targets = {
                "web": web,
                "worker": [worker] if worker and kills["worker"] < WORKER_KILLS else [],
            }[choice]
            if not targets:
                choice, targets = "web", web
            if not targets:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.kill(rng.choice(targets), signal.SIGKILL)
                kills[choice] += 1
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        if not site.alive():
            site.start()
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while int(_python(env, QUEUE).strip()) and time.monotonic() < deadline:
            time.sleep(2)
        site.stop()
        report = json.loads(
            _python(env, CHECK, json.dumps({"resources": seen.resources}))
        )
    finally:
        stop.set()
        site.stop()
        if pg_name is not None:
            with contextlib.suppress(Exception):
                _pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    duration = time.monotonic() - began
    summary = (
        f"{kind}: {sum(kills.values())} kills {kills}, {site.starts} starts, "
        f"{seen.operations} operations seen, {report['resources']} records, "
        f"{report['files']} files, {duration:.0f} s, seed {SEED}"
    )
    print(summary)

    assert report["integrity"] == ["ok"], summary
    assert report["bad_files"] == [], summary
    assert report["orphans"] == [], summary
    assert report["tasks"] == {"READY": 0, "RUNNING": 0}, summary
    assert report["pending_files"] == 0, summary
    assert report["index"] == [], summary
    assert report["lost"] == [], summary
    # Last, so that a run cut short by the time limit still checks the above.
    assert sum(kills.values()) >= KILLS, summary
    assert kills["extraction"] >= 1, summary
    assert kills["worker"] >= 1, summary
    assert kills["web"] >= 1, summary
