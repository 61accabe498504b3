"""Hand-counted records for the dashboard's figures, made straight in the
database (the apps' own tests cover how they come about)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from ecoc_hub.core.metrics import Filters
from tests.factories import UserFactory

#: The first quarter of 2026, shown per month.
QUARTER = Filters(start=date(2026, 1, 1), end=date(2026, 3, 31))


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def funder(db):
    return UserFactory(roles=["funder"])
