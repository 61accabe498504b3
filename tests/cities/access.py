"""The directory's protected URLs in the shared access matrix (tests/access.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, public, register

covers("cities")
public("cities:list", "cities:criteria", "cities:capacity_area", "cities:city")

# An unverified title does not exist for anyone but curators.
UNVERIFIED = expect(visitor=404, member=404, curator=200)

register(
    "cities:title",
    lambda w: reverse("cities:title", args=[w.unverified.city.slug, w.unverified.year]),
    UNVERIFIED,
    label="unverified",
)
register(
    "cities:city",
    lambda w: reverse("cities:city", args=[w.unverified.city.slug]),
    UNVERIFIED,
    label="unverified",
)
