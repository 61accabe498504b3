"""The events app's protected URLs in the shared access matrix.

The world (tests/core/test_access_matrix.py) holds a published camp and a
draft camp organised by the ``organiser`` column's person (who also holds
the organiser role), and ``member``'s application to the camp;
``other_team_member`` organises another event (added below), so that column
is "an organiser of another event": it gets what any member gets.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, extend_world, public, register

covers("events")
public(
    "events:list",
    "events:detail",
    "events:speaker",
    "events:event_ics",
    "events:session_ics",
    "events:feed",
)

DRAFT = expect(visitor=404, member=404, curator=200, organiser=200)

register(
    "events:detail",
    lambda w: reverse("events:detail", args=[w.draft_event.slug]),
    DRAFT,
    label="draft",
)
register(
    "events:event_ics",
    lambda w: reverse("events:event_ics", args=[w.draft_event.slug]),
    DRAFT,
    label="draft",
)
register(
    "events:session_ics",
    lambda w: reverse("events:session_ics", args=[w.draft_session.uuid]),
    DRAFT,
    label="draft",
)
register(
    "events:application",
    lambda w: w.application.get_absolute_url(),
    expect(visitor=302, member=200, other_team_member=404, curator=200, organiser=200),
)
register(
    "events:application_action",
    lambda w: reverse(
        "events:application_action", args=[w.application.uuid, "withdraw"]
    ),
    expect(visitor=302, member=302, other_team_member=404, curator=403, organiser=403),
    method="post",
)
register(
    "events:dashboard",
    lambda w: reverse("events:dashboard"),
    expect(visitor=302, member=200, curator=200),
)
register(
    "events:new_feed_token",
    lambda w: reverse("events:new_feed_token"),
    expect(visitor=302, member=302, curator=302),
    method="post",
)

ORGANISERS = expect(visitor=302, member=403, curator=200, organiser=200)
for name in ("selection", "send", "questions", "preview", "emails"):
    register(
        f"events:{name}",
        lambda w, name=name: reverse(f"events:{name}", args=[w.event.slug]),
        ORGANISERS,
    )
register(
    "events:email",
    lambda w: reverse("events:email", args=[w.event.slug, "accepted", "fr"]),
    ORGANISERS,
)
register(
    "events:apply",
    lambda w: reverse("events:apply", args=[w.event.slug]),
    # member has applied already and is sent to the application
    expect(visitor=302, member=302, other_team_member=200, curator=200),
)
register(
    "events:decide",
    lambda w: reverse("events:decide", args=[w.application.uuid, "accept"]),
    expect(visitor=302, member=403, other_team_member=404, curator=302, organiser=302),
    method="post",
)
register(
    "events:answer_file",
    lambda w: reverse("events:answer_file", args=[w.answer.pk]),
    expect(visitor=302, member=403, other_team_member=404, curator=200, organiser=200),
)
register(
    "events:follow_up",
    lambda w: reverse("events:follow_up", args=[w.application.uuid]),
    # the member's application is not accepted yet: no follow-up form
    expect(visitor=302, member=403, other_team_member=404, curator=403, organiser=403),
)


@extend_world
def _organiser_of_another_event(world) -> None:
    from tests.events.conftest import make_event, make_session

    make_event(slug="matrix-other", organisers=[world.people["other_team_member"]])
    world.session = make_session(world.event)


register(
    "events:create",
    lambda w: reverse("events:create"),
    expect(visitor=302, member=403, curator=200, organiser=200),
)
for name in ("organise", "settings", "organisers", "programme", "session_new"):
    register(
        f"events:{name}",
        lambda w, name=name: reverse(f"events:{name}", args=[w.event.slug]),
        ORGANISERS,
    )
register(
    "events:recording",
    lambda w: reverse("events:recording", args=[w.event.slug]),
    ORGANISERS,
)
for name in ("session_edit", "session_delete"):
    register(
        f"events:{name}",
        lambda w, name=name: reverse(
            f"events:{name}", args=[w.event.slug, w.session.uuid]
        ),
        ORGANISERS,
    )
register(
    "events:visibility",
    lambda w: reverse("events:visibility", args=[w.draft_event.slug, "publish"]),
    expect(visitor=302, member=404, curator=302, organiser=302),
    method="post",
)
