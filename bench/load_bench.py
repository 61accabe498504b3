"""Load test: many people using a real ``ecoc-hub serve`` on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecoc_load \\
        .venv/bin/python bench/load_bench.py --corpus S

Needs the ``bench`` extra (Locust). In one run it:

1. prepares a data directory (migrations, the demo content, optionally the
   search benchmark's corpus in the index, API tokens for a few writers);
2. starts ``ecoc-hub serve`` and, when the server answers, an open-loop run:
   ``--users`` people (200) for ``--duration`` seconds (300), each waiting
   5-15 s between pages, on a mix of the home page, listings, searches with a
   common word, rare words and phrases, resource pages, downloads with
   ``Range``, feeds and the API, while a few API clients deposit, upload,
   submit and publish. It prints throughput, p50/p95/p99 per kind of
   request, errors (429s apart: they are the API's rate limit doing its
   work) and the largest resident memory of each server process;
3. checks that nothing was lost: every deposit a client saw succeed is in the
   database in the state it saw (or later), with its file, no task is left
   running, and the search index matches the records (``reindex --check``);
4. a closed-loop run (no waiting, more users step by step) on the same mix,
   and on a bare Django view served by gunicorn with the same workers: the
   most requests per second before an error or a p95 over 1 s.

Everything runs on 127.0.0.1, bounded in users and time, and stops by
itself. The load generator shares the machine's cores with the server:
the figures say so.
"""

# Locust patches the standard library (gevent) and must be imported first.
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

TARGET_PAGE_P95_MS = 300.0
TARGET_SEARCH_P95_MS = 500.0
TARGET_RSS_MB = 150.0
CLOSED_LOOP_P95_LIMIT_MS = 1000.0


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, ECOC_HUB_DATA_DIR=str(data_dir), DEBUG="false")
    env["DJANGO_SETTINGS_MODULE"] = "ecoc_hub.settings"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    env.update(extra)
    return env


def _wait_for(url: str, timeout: float = 900) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


class Memory:
    """The largest resident set of each process under a parent, sampled."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak: dict[int, tuple[str, float]] = {}

    def sample(self) -> None:
        import psutil

        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        for process in processes:
            try:
                rss = process.memory_info().rss / 2**20
                line = " ".join(process.cmdline())
            except psutil.Error:
                continue
            if process.pid == self.root.pid:
                role = "serve"
            elif "gunicorn" in line:
                master = process.ppid() == self.root.pid
                role = "web master" if master else "web worker"
            elif "multiprocessing" in line or process.ppid() != self.root.pid:
                role = "extraction"
            elif line.endswith(" worker"):
                role = "task worker"
            else:
                role = "serve"
            previous = self.peak.get(process.pid, (role, 0.0))[1]
            self.peak[process.pid] = (role, max(previous, rss))


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.by_name: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.limited = 0
        self.examples: list[str] = []

    def __call__(self, request_type: str, name: str, response_time: float,
                 response: Any, exception: Any, **kwargs: Any) -> None:  # fmt: skip
        group = name.split(":", 1)[0]
        status = getattr(response, "status_code", 0)
        if status == 429:
            self.limited += 1
            return
        if exception is not None:
            self.errors[group] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{name} {status} {exception}")
            return
        self.times[group].append(response_time)
        self.by_name[name].append(response_time)

    def all_times(self) -> list[float]:
        return [t for values in self.times.values() for t in values]


def _user_classes(plan: dict[str, Any], *, waiting: bool, writers: bool) -> list[type]:
    import random

    from locust import HttpUser, between, constant, task

    wait = between(5, 15) if waiting else constant(0)
    pdf = Path(plan["pdf"]).read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()

    class Visitor(HttpUser):
        wait_time = wait
        weight = 20

        def _get(self, url: str, name: str, **kwargs: Any) -> None:
            self.client.get(url, name=name, **kwargs)

        @task(3)
        def page(self) -> None:
            self._get(random.choice(plan["pages"]), "page:listing")

        @task(2)
        def common_word(self) -> None:
            self._get("/search/", "search:common", params={"q": plan["common"]})

        @task(4)
        def search(self) -> None:
            query = random.choice(plan["queries"])
            self._get("/search/", "search:mix", params={"q": query})

        @task(4)
        def resource(self) -> None:
            if plan["resources"]:
                self._get(random.choice(plan["resources"]), "page:resource")

        @task(2)
        def download(self) -> None:
            if plan["downloads"]:
                start = random.choice([0, 1024])
                headers = {"Range": f"bytes={start}-{start + 65535}"}
                self._get(
                    random.choice(plan["downloads"]), "download:range", headers=headers
                )

        @task(1)
        def feed(self) -> None:
            self._get(random.choice(plan["feeds"]), "feed:feed")

        @task(2)
        def api(self) -> None:
            self._get(random.choice(plan["api"]), "api:read")

    classes: list[type] = [Visitor]
    if writers:
        seen = plan.setdefault("seen", {})
        tokens = iter(plan["writers"])

        class Writer(HttpUser):
            wait_time = between(5, 15)
            fixed_count = len(plan["writers"])

            def on_start(self) -> None:
                self.token = next(tokens)
                self.rounds = 0

            def _post(self, url: str, name: str, headers: Any, **kwargs: Any) -> Any:
                return self.client.post(
                    url, name=f"write:{name}", headers=headers, **kwargs
                )

            @task
            def deposit(self) -> None:
                self.rounds += 1
                mine = {"Authorization": f"Bearer {self.token}"}
                body = {
                    "title": f"Load deposit {self.token[-6:]} {self.rounds}",
                    "publication_year": 2026,
                    "languages": ["en"],
                    "creators": [{"name": "Load test"}],
                }
                answer = self._post("/api/v1/resources", "create", mine, json=body)
                if answer.status_code != 201:
                    return
                uuid = answer.json()["uuid"]
                seen[uuid] = {"state": "draft"}
                base = f"/api/v1/resources/{uuid}"
                files = {"file": ("load.pdf", pdf, "application/pdf")}
                answer = self._post(f"{base}/files", "upload", mine, files=files)
                if answer.status_code != 201:
                    return
                seen[uuid]["sha256"] = digest
                answer = self._post(f"{base}/submit", "submit", mine)
                if answer.status_code != 200:
                    return
                seen[uuid]["state"] = "submitted"
                curator = {"Authorization": f"Bearer {plan['curator']}"}
                answer = self._post(f"{base}/publish", "publish", curator)
                if answer.status_code == 200:
                    seen[uuid]["state"] = "published"

        classes.append(Writer)
    return classes


def _run(host: str, classes: list[type], users: int, seconds: float,
         memory: Memory | None = None) -> tuple[Recorder, float]:  # fmt: skip
    import gevent
    from locust.env import Environment

    recorder = Recorder()
    environment = Environment(user_classes=classes, host=host)
    environment.events.request.add_listener(recorder)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(1, users / 10))
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        gevent.sleep(2)
        if memory:
            memory.sample()
    runner.quit()
    return recorder, time.monotonic() - started


def _load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _report(recorder: Recorder, elapsed: float) -> None:
    total = len(recorder.all_times())
    errors = sum(recorder.errors.values())
    print(
        f"  {total + recorder.limited + errors} requests: {total} answered, "
        f"{recorder.limited} rate-limited (429), {errors} other errors"
    )
    print(f"  {total} answers in {elapsed:.0f} s: {total / elapsed:.1f} requests/s")
    heading = ("kind", "count", "p50 ms", "p95 ms", "p99 ms", "errors")
    print("  {:<10} {:>7} {:>8} {:>8} {:>8} {:>7}".format(*heading))
    rows = [
        (group, recorder.times[group], recorder.errors[group])
        for group in sorted(set(recorder.times) | set(recorder.errors))
    ]
    for group, values, failed in [*rows, ("all", recorder.all_times(), errors)]:
        print(
            f"  {group:<10} {len(values):>7} {_percentile(values, 0.5):>8.0f} "
            f"{_percentile(values, 0.95):>8.0f} {_percentile(values, 0.99):>8.0f} "
            f"{failed:>7}"
        )
    print(f"  rate-limited (429): {recorder.limited}")
    for example in recorder.examples:
        print(f"    error: {example}")


def _costs(recorder: Recorder) -> None:
    """Where one user's time goes, with no queue: each kind of request's
    p50, p95 and share of the total time."""
    total = sum(recorder.all_times()) or 1.0
    ranked = sorted(recorder.by_name.items(), key=lambda item: -sum(item[1]))
    for name, values in ranked:
        print(
            f"          {name:<16} {len(values):>5} p50 "
            f"{_percentile(values, 0.5):6.0f} ms, p95 "
            f"{_percentile(values, 0.95):6.0f} ms, "
            f"{sum(values) / total:4.0%} of the time"
        )


def _closed_loop(
    host: str, classes: list[type], step_seconds: float
) -> tuple[float, int]:
    """The most requests per second with no error and p95 under the limit."""
    best, best_users = 0.0, 0
    for users in (1, 2, 4, 8, 16, 32, 64):
        recorder, elapsed = _run(host, classes, users, step_seconds)
        times = recorder.all_times()
        rate = len(times) / elapsed
        p95 = _percentile(times, 0.95)
        errors = sum(recorder.errors.values())
        print(
            f"    {users:>3} users: {rate:7.1f} requests/s, p95 {p95:6.0f} ms, "
            f"{errors} errors"
        )
        if users == 1:
            _costs(recorder)
        if errors or p95 > CLOSED_LOOP_P95_LIMIT_MS:
            break
        if rate > best:
            best, best_users = rate, users
    return best, best_users


def _serve(
    data_dir: Path, port: int, workers: int, **extra: str
) -> subprocess.Popen[bytes]:
    log = (data_dir / f"serve-{port}.log").open("wb")
    command = [PYTHON, "-m", "ecoc_hub", "serve", "--port", str(port)]
    process = subprocess.Popen(  # noqa: S603
        [*command, "--workers", str(workers)],
        env=_env(data_dir, **extra),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/health")
    except BaseException:
        _stop(process)
        raise
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def _open_loop(args: argparse.Namespace, data_dir: Path, plan: dict[str, Any]) -> None:
    server = _serve(data_dir, args.port, args.workers)
    try:
        memory = Memory(server.pid)
        print(
            f"\nOpen loop: {args.users} people, 5-15 s between pages, "
            f"{args.duration:.0f} s (load average before: {_load_average()})"
        )
        classes = _user_classes(plan, waiting=True, writers=True)
        host = f"http://127.0.0.1:{args.port}"
        recorder, elapsed = _run(host, classes, args.users, args.duration, memory)
        _report(recorder, elapsed)
        print(f"  load average after: {_load_average()}")
        print("  largest resident memory per process:")
        for pid, (role, rss) in sorted(memory.peak.items(), key=lambda item: item[1]):
            print(f"    {role:<12} {pid:>7} {rss:6.0f} MB")
        times = recorder.times
        pages = times["page"] + times["download"] + times["feed"] + times["api"]
        web = [rss for role, rss in memory.peak.values() if role == "web worker"]
        print(f"  errors other than 429: {sum(recorder.errors.values())} (target 0)")
        print(
            f"  pages p95 {_percentile(pages, 0.95):.0f} ms "
            f"(target {TARGET_PAGE_P95_MS:.0f}), searches p95 "
            f"{_percentile(times['search'], 0.95):.0f} ms "
            f"(target {TARGET_SEARCH_P95_MS:.0f}), largest web process "
            f"{max(web, default=0.0):.0f} MB (target {TARGET_RSS_MB:.0f})"
        )
        check = subprocess.run(  # noqa: S603
            [PYTHON, "-m", "bench.load.check"],
            env=_env(data_dir),
            cwd=ROOT,
            input=json.dumps(plan["seen"]),
            capture_output=True,
            text=True,
            check=True,
        )
        verdict = json.loads(check.stdout.strip().splitlines()[-1])
        print(
            f"\nNothing lost: {len(plan['seen'])} deposits seen by the clients, "
            f"{len(verdict['lost'])} lost, {verdict['running']} tasks left, "
            f"{len(verdict['index_differences'])} index differences"
        )
        for line in verdict["lost"][:10] + verdict["index_differences"][:10]:
            print(f"    {line}")
    finally:
        _stop(server)


def _bare_closed_loop(args: argparse.Namespace, data_dir: Path) -> tuple[float, int]:
    from locust import HttpUser, constant, task

    port = args.port + 1
    command = [
        PYTHON, "-m", "gunicorn", "bench.load.bare_wsgi:application",
        "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
    ]  # fmt: skip
    bare = subprocess.Popen(  # noqa: S603
        command,
        env=_env(data_dir),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/")

        class Bare(HttpUser):
            wait_time = constant(0)

            @task
            def rows(self) -> None:
                self.client.get("/", name="bare:rows")

        print("Closed loop, a bare Django view (20 rows as JSON):")
        return _closed_loop(f"http://127.0.0.1:{port}", [Bare], args.step)
    finally:
        _stop(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=float, default=300, help="open loop, s")
    parser.add_argument("--step", type=float, default=30, help="closed-loop step, s")
    parser.add_argument("--corpus", default="S", help="search corpus scale, or none")
    parser.add_argument("--workers", type=int, default=2, help="web processes")
    parser.add_argument("--port", type=int, default=8390)
    parser.add_argument("--data-dir", help="default /tmp/ecoc-load-<corpus>")
    parser.add_argument("--no-closed-loop", action="store_true")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    import locust  # noqa: F401  (gevent's patches before any socket is opened)

    default = Path(tempfile.gettempdir()) / f"ecoc-load-{args.corpus}"
    data_dir = Path(args.data_dir or default)
    data_dir.mkdir(parents=True, exist_ok=True)
    database = (os.environ.get("DATABASE_URL") or "SQLite").split("@")[-1]
    print(
        f"ECoC Hub load test: {database}, corpus {args.corpus}, "
        f"{args.workers} web processes; the load generator shares the "
        f"{os.cpu_count()} cores"
    )
    plan_path = data_dir / "plan.json"
    prepare = [PYTHON, "-m", "bench.load.prepare", args.corpus, str(plan_path)]
    subprocess.run(prepare, env=_env(data_dir), check=True, cwd=ROOT)  # noqa: S603
    plan = json.loads(plan_path.read_text())
    _open_loop(args, data_dir, plan)
    if args.no_closed_loop:
        return
    # The closed loop reads only, with the API's per-address limit lifted:
    # every simulated person comes from 127.0.0.1.
    lifted = {"ECOC_HUB_API_RATE_PER_ADDRESS": "1000000/min"}
    server = _serve(data_dir, args.port, args.workers, **lifted)
    try:
        print(f"\nClosed loop, ECoC Hub's mix ({args.step:.0f} s a step):")
        classes = _user_classes(plan, waiting=False, writers=False)
        ours, ours_users = _closed_loop(
            f"http://127.0.0.1:{args.port}", classes, args.step
        )
    finally:
        _stop(server)
    bare, bare_users = _bare_closed_loop(args, data_dir)
    share = ours / bare if bare else 0.0
    print(
        f"\nMost requests/s with p95 under 1 s: ECoC Hub {ours:.1f} "
        f"({ours_users} users), bare view {bare:.1f} ({bare_users} users): "
        f"{share:.2f} of the bare view's (target 0.5)"
    )


if __name__ == "__main__":
    main()
