"""What the apps' demo histories share (``<app>/demo_history.py``): the
days of the last months and a random generator seeded by a name, so that
the demo's past activity is the same at every run and the dashboard's
charts have something to show over the default period and before it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

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


#: Fictional first and last names of the histories' people (no real person).
FIRST_NAMES = [
    "Aino", "Bruno", "Chiara", "Dara", "Emil", "Fenna", "Goran", "Hana", "Ines",
    "Jonas", "Klara", "Luka", "Mira", "Niko", "Olga", "Pau", "Rosa", "Sven",
    "Tereza", "Ugo", "Vera", "Wim", "Yara", "Zofia",
]  # fmt: skip
LAST_NAMES = [
    "Aalto", "Berzins", "Conti", "Dumont", "Eriksen", "Ferreira", "Grünwald",
    "Havel", "Ionescu", "Jovanović", "Kask", "Lindqvist", "Marek", "Novak",
    "Olsen", "Petrou", "Quintana", "Rossi", "Szabó", "Tamm", "Urbonas",
]  # fmt: skip


def name(n: int) -> str:
    """The ``n``-th fictional name, marked as a demo person."""
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n * 7 + n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last} (demo)"


def people(emails: list[str], *, offset: int = 0) -> list[Any]:
    """Accounts without a password for ``emails`` (made in bulk where
    missing, with a verified address), in the order given."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    model = get_user_model()
    known = set(
        model._default_manager.filter(email__in=emails).values_list("email", flat=True)
    )
    missing = [
        model(
            email=email,
            display_name=name(offset + n),
            preferred_language=["en", "fr", "de"][(offset + n) % 3],
            password=make_password(None),
        )
        for n, email in enumerate(emails)
        if email not in known
    ]
    model._default_manager.bulk_create(missing)
    made = model._default_manager.filter(email__in=[p.email for p in missing])
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True)
        for user in made
    )
    found = {u.email: u for u in model._default_manager.filter(email__in=emails)}
    return [found[email] for email in emails]
