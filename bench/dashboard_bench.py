"""Dashboard benchmark: the programme dashboard's page on a large install
(100,000 events with 200,000 applications, 1,000,000 daily download rows,
73,000 daily play rows), beside a bare view running the same counts as
plain grouped queries; on SQLite and PostgreSQL in one run.

    .venv/bin/python bench/dashboard_bench.py
    .venv/bin/python bench/dashboard_bench.py --postgres \\
        postgres://postgres@127.0.0.1:5432/ecoc_bench --repeat 30

Each database is measured in a child process of its own (a fresh temporary
data directory for SQLite; the PostgreSQL database is migrated and filled
once, then reused while it holds the bench's rows). Every request goes
through Django's test client, middleware included. Cases: the page with its
figures cached (what a second reader of the same filters gets), the page
with the cache emptied before every request (the first reader; every figure
computed), the same for one country, and the bare counts. Printed: p50 and
p95 in milliseconds, the ratio of the page's p95 to the bare view's, and the
target (p95 under 300 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

EVENTS = 100_000
APPLICATIONS_PER_EVENT = 2
RESOURCES = 2_740  # x 365 days = 1,000,100 daily counts
DAYS = 365
EPISODES = 200  # x 365 days = 73,000 daily plays
TARGET_MS = 300.0
BATCH = 5_000


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _setup(data_dir: str) -> None:
    os.environ["ECOC_HUB_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecoc_hub.settings"
    os.environ["DEBUG"] = "false"
    import django
    from django.conf import settings

    django.setup()
    from django.test.utils import override_settings

    # The pages are measured without a collectstatic run: plain static URLs.
    override_settings(
        ROOT_URLCONF="bench.dashboard_urls",
        ALLOWED_HOSTS=["*"],
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        },
    ).enable()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def _bulk(model: Any, rows: Any) -> None:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def _build() -> Any:
    """The bench's records (once per database) and its reader, a funder."""
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from ecoc_hub.accounts.models import User
    from ecoc_hub.cities.models import Title
    from ecoc_hub.events.models import Application, Event
    from ecoc_hub.library.models import DailyCount, Resource
    from ecoc_hub.podcasts.models import DailyPlays, Episode, Show
    from ecoc_hub.podcasts.services import feed_url_for, podcast_guid_for

    email = "bench-funder@example.org"
    if existing := User.objects.filter(email=email).first():
        return existing
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    titles = list(Title.objects.select_related("city").order_by("year"))
    kinds = ["academy_camp", "webinar", "study_visit", "other"]
    states = ["accepted", "accepted", "rejected", "waitlisted", "submitted"]
    types = ["toolkit", "guide", "case_study", "evaluation", "bid_book"]
    with transaction.atomic():
        reader = User.objects.create_user(email, display_name="Bench Funder")
        reader.groups.add(Group.objects.get(name="funder"))
        _bulk(
            Event,
            (
                Event(
                    kind=kinds[n % 4],
                    title=f"Bench event {n}",
                    slug=f"bench-event-{n}",
                    format="online",
                    starts_at=now - timedelta(minutes=16 * n),
                    ends_at=now - timedelta(minutes=16 * n) + timedelta(hours=3),
                    visibility="published",
                    host_title=titles[n % len(titles)],
                )
                for n in range(EVENTS)
            ),
        )
        event_ids = list(Event.objects.order_by("pk").values_list("pk", "starts_at"))
        _bulk(
            Application,
            (
                Application(
                    event_id=pk,
                    name=f"Applicant {n}-{k}",
                    title=titles[(n + k) % len(titles)],
                    country=titles[(n + k) % len(titles)].city.country_code,
                    state=states[(n + k) % len(states)],
                    submitted_at=starts - timedelta(days=20),
                    decided_at=starts - timedelta(days=10),
                )
                for n, (pk, starts) in enumerate(event_ids)
                for k in range(APPLICATIONS_PER_EVENT)
            ),
        )
        _bulk(
            Resource,
            (
                Resource(
                    title=f"Bench resource {n}",
                    state="published",
                    resource_type=types[n % len(types)],
                    languages=[["en"], ["fr", "en"], ["de"]][n % 3],
                    countries=[titles[n % len(titles)].city.country_code],
                    published_at=now - timedelta(hours=3 * n),
                    submitted_at=now - timedelta(hours=3 * n + 30),
                    publication_year=today.year,
                )
                for n in range(RESOURCES)
            ),
        )
        resource_ids = list(Resource.objects.values_list("pk", flat=True))
        _bulk(
            DailyCount,
            (
                DailyCount(
                    resource_id=pk,
                    day=today - timedelta(days=d),
                    views=(pk + d) % 7,
                    downloads=(pk * d) % 3,
                )
                for pk in resource_ids
                for d in range(DAYS)
            ),
        )
        show = Show.objects.create(
            title="Bench show",
            slug="bench-show",
            state="published",
            podcast_guid=podcast_guid_for(feed_url_for("bench-show")),
        )
        _bulk(
            Episode,
            (
                Episode(
                    show=show,
                    title=f"Episode {n}",
                    slug=f"episode-{n}",
                    audio=f"podcasts/bench-{n}.mp3",
                    audio_sha256=f"{n:064d}",
                    audio_size=1_000_000,
                    audio_duration=600,
                    audio_mime="audio/mpeg",
                    state="published",
                    published_at=now - timedelta(days=n),
                )
                for n in range(EPISODES)
            ),
        )
        episode_ids = list(Episode.objects.values_list("pk", flat=True))
        _bulk(
            DailyPlays,
            (
                DailyPlays(
                    episode_id=pk, day=today - timedelta(days=d), plays=(pk + d) % 5
                )
                for pk in episode_ids
                for d in range(DAYS)
            ),
        )
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return reader


def _time(client: Any, url: str, repeat: int, before: Any = None) -> list[float]:
    if before:
        before()
    response = client.get(url)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    durations = []
    for _n in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return durations


def child(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from ecoc_hub.events.models import Event
    from ecoc_hub.library.models import DailyCount

    reader = _build()
    client = Client()
    client.force_login(reader)
    cases = {
        "page, figures cached": ("/dashboard/", None),
        "page, cache emptied": ("/dashboard/", cache.clear),
        "page, one country, cache emptied": ("/dashboard/?country=FI", cache.clear),
        "bare counts": ("/bare/dashboard/", None),
    }
    results: dict[str, Any] = {}
    for name, (url, before) in cases.items():
        durations = _time(client, url, args.repeat, before)
        results[name] = [_percentile(durations, 0.5), _percentile(durations, 0.95)]
    results["_vendor"] = connection.vendor
    results["_rows"] = {
        "events": Event.objects.count(),
        "daily counts": DailyCount.objects.count(),
    }
    Path(args.out).write_text(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--postgres", default="", help="an empty PostgreSQL database URL you own"
    )
    parser.add_argument("--sqlite-dir", default="", help="keep SQLite's data here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", default="", help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    runs = [("SQLite", "")] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    load = os.getloadavg()
    print(
        f"load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} "
        f"cores; {args.repeat} requests per case"
    )
    for label, url in runs:
        with tempfile.TemporaryDirectory(prefix="ecoc-dashboard-bench-") as tmp:
            data_dir = args.sqlite_dir if args.sqlite_dir and not url else tmp
            out = Path(tmp) / "results.json"
            env = {**os.environ, "DATABASE_URL": url}
            print(f"\n{label}", flush=True)
            subprocess.run(  # noqa: S603 - this script, with its own arguments
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--repeat",
                    str(args.repeat),
                    "--data-dir",
                    data_dir,
                    "--out",
                    str(out),
                ],
                env=env,
                check=True,
            )
            results = json.loads(out.read_text())
        print(f"  rows: {results.pop('_rows')}")
        results.pop("_vendor")
        bare = results["bare counts"]
        print(f"  {'case':34} {'p50':>7} {'p95':>7} {'ratio':>6}  target")
        for name, (p50, p95) in results.items():
            ratio = p95 / bare[1] if bare[1] else float("inf")
            target = (
                ""
                if name == "bare counts"
                else ("ok" if p95 < TARGET_MS else "MISSED") + " p95 < 300 ms"
            )
            print(f"  {name:34} {p50:7.1f} {p95:7.1f} {ratio:6.2f}  {target}")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
