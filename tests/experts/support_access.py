"""Support requests in the access matrix (imported by tests/experts/access.py).

The world's team (``member`` is its admin) has a draft request and a
submitted one; the world's ``expert`` (in the pool) is invited to the
submitted one, and has a completed assignment on an older request;
``other_expert`` has no tie to any of them. Curators read every request
and act on none; ``organiser`` and ``reviewer`` are members of no team.
"""

from __future__ import annotations

from django.urls import reverse

from ecoc_hub.experts.models import ExpertProfile, SupportAssignment
from tests.access import World, expect, extend_world, register
from tests.experts.support_factories import make_request


@extend_world
def _support_world(world: World) -> None:
    member = world.people["member"]
    expert, _created = ExpertProfile.objects.get_or_create(
        user=world.people["expert"],
        defaults={"full_name": "Invited Expert", "country": "FR"},
    )
    world.support_draft = make_request(world.team, member, state="draft")
    world.support_open = make_request(world.team, member, title_text="Open")
    world.support_invited = SupportAssignment.objects.create(
        request=world.support_open, expert=expert, invited_by=member
    )
    world.support_done = SupportAssignment.objects.create(
        request=make_request(world.team, member, title_text="Done"),
        expert=expert,
        state=SupportAssignment.State.COMPLETED,
    )


NO_TEAM = {"organiser": 403, "reviewer": 403, "expert": 403, "other_expert": 403}


def _support(name: str, attr: str = "support_open"):
    return lambda w: reverse(f"experts:{name}", args=[getattr(w, attr).uuid])


def _assignment(name: str, attr: str = "support_invited"):
    return lambda w: reverse(f"experts:{name}", args=[getattr(w, attr).uuid])


register(
    "experts:support_list",
    lambda w: reverse("experts:support_list"),
    expect(visitor=302, member=200, other_team_member=200, curator=200, **NO_TEAM),
)
register(
    "experts:support_new",
    lambda w: reverse("experts:support_new"),
    expect(visitor=302, member=200, other_team_member=200, curator=403, **NO_TEAM),
)
register(
    "experts:support",
    _support("support"),
    expect(
        visitor=302,
        member=200,
        other_team_member=404,
        curator=200,
        organiser=404,
        reviewer=404,
        expert=200,
        other_expert=404,
    ),
)
register(
    "experts:support",
    _support("support", "support_draft"),
    expect(visitor=302, member=200, other_team_member=404, curator=200, expert=404),
    label="draft",
)
register(
    "experts:support_edit",
    _support("support_edit", "support_draft"),
    expect(visitor=302, member=200, other_team_member=404, curator=403, **NO_TEAM),
)
register(
    "experts:support_matches",
    _support("support_matches"),
    expect(visitor=302, member=200, other_team_member=404, curator=200, **NO_TEAM),
)
TEAM_POST = expect(
    visitor=302, member=302, other_team_member=404, curator=403, **NO_TEAM
)
register(
    "experts:support_invite",
    _support("support_invite"),
    TEAM_POST,
    method="post",
    data=lambda w: {"expert": w.support_invited.expert_id},
)
register(
    "experts:support_consent",
    _support("support_consent"),
    TEAM_POST,
    method="post",
    data=lambda w: {"show_on_city_page": "on"},
)
register(
    "experts:support_action",
    lambda w: reverse("experts:support_action", args=[w.support_open.uuid, "close"]),
    TEAM_POST,
    method="post",
)
register(
    "experts:invitations",
    lambda w: reverse("experts:invitations"),
    expect(visitor=302, member=200, curator=200),
)
register(
    "experts:assignment_detail",
    _assignment("assignment_detail"),
    expect(visitor=302, member=200, other_team_member=404, curator=200, expert=200),
)
register(
    "experts:assignment_action",
    lambda w: reverse(
        "experts:assignment_action", args=[w.support_invited.uuid, "accept"]
    ),
    expect(visitor=302, member=403, other_team_member=404, curator=403, expert=302),
    method="post",
)
register(
    "experts:assignment_message",
    _assignment("assignment_message"),
    expect(visitor=302, member=302, other_team_member=404, curator=403, expert=302),
    method="post",
    data=lambda w: {"body": "Hello"},
)
register(
    "experts:assignment_feedback",
    _assignment("assignment_feedback", "support_done"),
    expect(visitor=302, member=302, other_team_member=404, curator=403, expert=302),
    method="post",
    data=lambda w: {"rating": "5", "comment": "Good"},
)
