"""Tickets, check-in and certificates of attendance in the access matrix.

The world's camp has ``member``'s application, still submitted: nobody holds
a ticket there (a 403 for every signed-in role). The draft camp's session
is run by the ``organiser`` column's person.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, register

covers("attendance")

NO_TICKET = expect(visitor=302, member=403, curator=403, organiser=403)
RUNS_IT = expect(visitor=302, member=403, curator=200, organiser=200)
RUNS_IT_POST = expect(visitor=302, member=403, curator=302, organiser=302)
RUNS_DRAFT = expect(visitor=302, member=404, curator=200, organiser=200)
RUNS_DRAFT_POST = expect(visitor=302, member=404, curator=302, organiser=302)

register(
    "attendance:ticket",
    lambda w: reverse("attendance:ticket", args=[w.event.slug]),
    NO_TICKET,
)
register(
    "attendance:checkin",
    lambda w: reverse("attendance:checkin", args=["not-a-signed-ticket"]),
    expect(visitor=302, member=404, curator=404),
)
register(
    "attendance:session",
    lambda w: reverse("attendance:session", args=[w.draft_session.uuid]),
    RUNS_DRAFT,
)
register(
    "attendance:session",
    lambda w: reverse("attendance:session", args=[w.draft_session.uuid]),
    RUNS_DRAFT_POST,
    method="post",
    data=lambda w: {"participant": str(w.people["member"].pk)},
    label="check in",
)
register(
    "attendance:certificates",
    lambda w: reverse("attendance:certificates", args=[w.event.slug]),
    RUNS_IT,
)
register(
    "attendance:certificates",
    lambda w: reverse("attendance:certificates", args=[w.event.slug]),
    RUNS_IT_POST,
    method="post",
    label="issue",
)
