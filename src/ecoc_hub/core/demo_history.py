"""What the apps' demo histories share (``<app>/demo_history.py``): the
days of the last months and a random generator seeded by a name, so that
the demo's past activity is the same at every run and the dashboard's
charts have something to show over the default period and before it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

#: How far back the demo's history goes, in days (over 14 months).
DAYS = 430


def days(today: date | None = None) -> list[date]:
    """Every day of the history, oldest first, up to yesterday."""
    today = today or timezone.localdate()
    return [today - timedelta(days=n) for n in range(DAYS, 0, -1)]


def months(today: date | None = None) -> list[date]:
    """The first day of each month of the history, oldest first."""
    found: list[date] = []
    for day in days(today):
        first = day.replace(day=1)
        if first >= days(today)[0] and first not in found:
            found.append(first)
    return found


def generator(name: str) -> random.Random:
    """The same numbers for the same name at every run (not for security)."""
    return random.Random(name)  # noqa: S311 - demo figures, not secrets


def moment(day: date, rng: random.Random) -> datetime:
    """A time during office hours on ``day``, in the site's time zone."""
    return timezone.make_aware(
        datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59))
    )
