"""The dashboard's URLs in the shared access matrix: curators, admins and
the programme's funder read it; everyone else is refused."""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, register

covers("dashboard")

READERS = expect(visitor=302, member=403, curator=200, funder=200)
register("dashboard:index", lambda w: reverse("dashboard:index"), READERS)
register("dashboard:all_csv", lambda w: reverse("dashboard:all_csv"), READERS)
register("dashboard:report", lambda w: reverse("dashboard:report"), READERS)
register(
    "dashboard:figure_csv",
    lambda w: reverse("dashboard:figure_csv", args=["events.applications"]),
    READERS,
)
