"""Events benchmark: the organisers' selection table and a bulk decision for
an event with 2,000 applications and 40 custom questions, and a person's
calendar feed with 200 sessions, each beside a bare Django view returning
the same rows as JSON; on SQLite and PostgreSQL in one run.

    .venv/bin/python bench/events_bench.py
    .venv/bin/python bench/events_bench.py --postgres \\
        postgres://postgres@127.0.0.1:5432/ecoc_bench --repeat 30

The page and its bare view are requested in turn (one of each, repeated),
so both meet the same load. Each database is measured in a child process of
its own (a fresh temporary
data directory for SQLite; the PostgreSQL database is emptied by
``migrate`` from zero when it holds no bench data). Every request goes
through Django's test client, middleware included, for both the real page
and the bare view. Printed: p50 and p95 per request in milliseconds, the
ratio of the p95s and the targets (within 3x the bare view, under 150 ms).
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

APPLICATIONS = 2000
QUESTIONS = 40
SESSIONS = 200
SELECTED = 200
TARGET_MS = 150.0
TARGET_RATIO = 3.0
SLUG = "bench-camp"


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
        ROOT_URLCONF="bench.events_urls",
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
    call_command("createcachetable", verbosity=0)  # as ``ecoc-hub serve`` does


def _build() -> dict[str, Any]:
    """The bench's event, applications, answers and feed person (once)."""
    from django.db import transaction
    from django.utils import timezone

    from ecoc_hub.accounts.models import User
    from ecoc_hub.cities.models import Title
    from ecoc_hub.events.models import (
        Answer,
        Application,
        CalendarFeed,
        Event,
        Question,
        Session,
    )

    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        organiser = existing.organisers.get()
        person = User.objects.get(email="bench-participant@example.org")
        return {
            "organiser": organiser,
            "token": person.event_calendar_feed.token,
            "feed_user": person,
        }
    now = timezone.now()
    titles = list(Title.objects.select_related("city").order_by("year")[:60])
    roles = list(Application.Role.values)
    with transaction.atomic():
        organiser = User.objects.create_user(
            "bench-organiser@example.org", display_name="Bench Organiser"
        )
        event = Event.objects.create(
            kind="academy_camp",
            title="Bench camp",
            slug=SLUG,
            format="online",
            online_url="https://meet.example.org/bench",
            starts_at=now + timedelta(days=60),
            ends_at=now + timedelta(days=62),
            capacity=30,
            visibility="published",
        )
        event.organisers.add(organiser)
        questions = Question.objects.bulk_create(
            Question(
                event=event,
                position=n,
                kind="short_text" if n % 2 else "long_text",
                label=f"Question {n + 1}",
            )
            for n in range(QUESTIONS)
        )
        applications = Application.objects.bulk_create(
            Application(
                event=event,
                name=f"Applicant {n:04d}",
                title=titles[n % len(titles)],
                country=titles[n % len(titles)].city.country_code,
                role=roles[n % len(roles)],
                languages=["en", "fr"],
                submitted_at=now - timedelta(minutes=n),
            )
            for n in range(APPLICATIONS)
        )
        Answer.objects.bulk_create(
            (
                Answer(
                    application=a,
                    question=q,
                    value=f"Answer {q.position} of {a.name}: some words",
                )
                for a in applications
                for q in questions
            ),
            batch_size=2000,
        )
        person = User.objects.create_user(
            "bench-participant@example.org", display_name="Bench Participant"
        )
        for e in range(SESSIONS // 10):
            other = Event.objects.create(
                kind="webinar",
                title=f"Bench webinar {e}",
                slug=f"bench-webinar-{e}",
                format="online",
                online_url="https://meet.example.org/w",
                starts_at=now + timedelta(days=e),
                ends_at=now + timedelta(days=e, hours=10),
                time_zone=["Europe/Berlin", "Europe/Lisbon", "Europe/Helsinki"][e % 3],
                visibility="published",
            )
            Session.objects.bulk_create(
                Session(
                    event=other,
                    title=f"Part {s + 1}",
                    starts_at=other.starts_at + timedelta(hours=s),
                    ends_at=other.starts_at + timedelta(hours=s, minutes=50),
                    room=f"Room {s}",
                    description="A session of the bench.",
                )
                for s in range(10)
            )
            Application.objects.create(
                event=other,
                applicant=person,
                name=person.display_name,
                state="accepted",
            )
        feed = CalendarFeed.objects.create(user=person)
    return {"organiser": organiser, "token": feed.token, "feed_user": person}


def _time(
    client: Any,
    page: tuple[Any, ...],
    bare: tuple[Any, ...],
    repeat: int,
    before: Any = None,
) -> tuple[list[float], list[float]]:
    """Durations of the page and of its bare view, one request of each in
    turn, so both meet the same load of a shared machine."""
    sends = []
    for method, url, data in (page, bare):
        send = getattr(client, method)
        data_for = data if callable(data) else (lambda n, data=data: data)
        response = send(url, data_for(-1))  # warm-up
        assert response.status_code in {200, 302}, (url, response.status_code)
        sends.append((send, url, data_for))
    durations: tuple[list[float], list[float]] = ([], [])
    for n in range(repeat):
        for index, (send, url, data_for) in enumerate(sends):
            if before is not None and index == 0:
                before()
            started = time.perf_counter()
            response = send(url, data_for(n))
            durations[index].append((time.perf_counter() - started) * 1000)
            assert response.status_code in {200, 302}, (url, response.status_code)
    return durations


def child(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from ecoc_hub.events.models import Application

    built = _build()
    client = Client()
    client.force_login(built["organiser"])
    ids = list(
        Application.objects.filter(event__slug=SLUG)
        .order_by("pk")
        .values_list("pk", flat=True)[:SELECTED]
    )

    def bulk(n: int) -> dict[str, Any]:
        return {"decision": "accept" if n % 2 else "waitlist", "selected": ids}

    token = built["token"]
    from datetime import timedelta

    from ecoc_hub.events import calendar, programme, queries

    feed_sessions = list(queries.accepted_sessions(built["feed_user"]).order_by("pk"))
    moves = iter(range(10**6))

    def move_one() -> None:
        session = feed_sessions[next(moves) % len(feed_sessions)]
        session.refresh_from_db()
        shift = timedelta(minutes=5 if session.sequence % 2 == 0 else -5)
        programme.update_session(
            session=session,
            starts_at=session.starts_at + shift,
            ends_at=session.ends_at + shift,
        )

    def forget_all() -> None:
        cache.clear()
        calendar._VEVENTS.clear()
        calendar._vtimezone.cache_clear()

    cases = {
        "selection table (2,000, page of 100)": (
            ("get", f"/academy/{SLUG}/organise/", {}),
            ("get", f"/bare/selection/{SLUG}/", {}),
        ),
        f"bulk decision ({SELECTED} rows)": (
            ("post", f"/academy/{SLUG}/organise/", bulk),
            ("post", f"/bare/bulk/{SLUG}/", bulk),
        ),
        "calendar feed (200 sessions)": (
            ("get", f"/academy/calendar/{token}.ics", {}),
            ("get", f"/bare/feed/{token}/", {}),
        ),
        # The first fetch after a change: one session moved before each
        # request (outside the timing), so the feed is built again with the
        # other sessions' VEVENTs kept.
        "calendar feed, one session moved": (
            ("get", f"/academy/calendar/{token}.ics", {}, move_one),
            ("get", f"/bare/feed/{token}/", {}),
        ),
        # Nothing kept at all: the first fetch after a restart.
        "calendar feed, built from nothing": (
            ("get", f"/academy/calendar/{token}.ics", {}, forget_all),
            ("get", f"/bare/feed/{token}/", {}),
        ),
    }
    results = {}
    for name, (page, bare) in cases.items():
        page_ms, bare_ms = _time(
            client,
            page[:3],
            bare,
            repeat=args.repeat,
            before=page[3] if len(page) > 3 else None,
        )
        results[name] = {
            "page": [_percentile(page_ms, 0.5), _percentile(page_ms, 0.95)],
            "bare": [_percentile(bare_ms, 0.5), _percentile(bare_ms, 0.95)],
        }
    results["_vendor"] = connection.vendor
    Path(args.out).write_text(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--postgres", default="", help="an empty PostgreSQL database URL you own"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", default="", help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    runs = [("SQLite", "")] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print(
        f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
        f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores; "
        f"{args.repeat} requests per case"
    )
    for label, url in runs:
        with tempfile.TemporaryDirectory(prefix="ecoc-events-bench-") as tmp:
            out = Path(tmp) / "results.json"
            env = {**os.environ, "DATABASE_URL": url}
            subprocess.run(  # noqa: S603 - this script, with its own arguments
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--repeat",
                    str(args.repeat),
                    "--data-dir",
                    tmp,
                    "--out",
                    str(out),
                ],
                env=env,
                check=True,
            )
            results = json.loads(out.read_text())
        print(f"\n{label}")
        print(
            f"{'case':38} {'page p50':>9} {'p95':>7} {'bare p50':>9} {'p95':>7}"
            f" {'ratio':>6}  targets"
        )
        for name, r in results.items():
            if name.startswith("_"):
                continue
            page, bare = r["page"], r["bare"]
            ratio = page[1] / bare[1] if bare[1] else float("inf")
            ok = (
                ("ok" if page[1] < TARGET_MS else "MISSED")
                + " <150 ms, "
                + ("ok" if ratio <= TARGET_RATIO else "MISSED")
                + " <=3x"
            )
            print(
                f"{name:38} {page[0]:9.1f} {page[1]:7.1f} {bare[0]:9.1f} "
                f"{bare[1]:7.1f} {ratio:6.2f}  {ok}"
            )
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
