"""The experts app's protected URLs in the shared access matrix (tests/access.py).

The world's ``expert`` person owns a draft application (with a CV) to an open
call; curators manage every call; the ``reviewer`` sits on the call's panel
and is assigned another person's submitted application.
"""

from __future__ import annotations

from django.urls import reverse

from ecoc_hub.experts import review, services
from tests.access import World, covers, expect, extend_world, public, register
from tests.experts.conftest import fill, make_call, submitted

covers("experts")
public("experts:calls", "experts:call")


@extend_world
def _experts_world(world: World) -> None:
    call = make_call(slug="world-call")
    world.experts_call = call
    world.experts_closed_call = make_call(slug="world-closed", open_now=False)
    world.experts_hidden_call = make_call(slug="world-hidden", is_published=False)
    world.experts_draft = fill(
        services.start_application(user=world.people["expert"], call=call)
    )
    reviewer = world.people["reviewer"]
    review.add_reviewer(call=call, user=reviewer, profiles=["management"])
    world.experts_review = review.assign_by_hand(
        application=submitted(call, name="Blind Applicant"),
        reviewer=reviewer,
        manager=world.people["curator"],
    )


OWN_DRAFT = expect(visitor=302, member=404, curator=200, expert=200)
OWN_EDIT = expect(visitor=302, member=404, curator=403, expert=200)
SIGNED_IN = expect(visitor=302, member=200, curator=200)


def _app_url(name: str):
    return lambda w: reverse(f"experts:{name}", args=[w.experts_draft.uuid])


register(
    "experts:call",
    lambda w: w.experts_hidden_call.get_absolute_url(),
    expect(visitor=404, member=404, curator=200),
    label="unpublished",
)
register(
    "experts:apply",
    lambda w: reverse("experts:apply", args=[w.experts_call.slug]),
    expect(visitor=302, member=302, curator=302),
    method="post",
)
register(
    "experts:apply",
    lambda w: reverse("experts:apply", args=[w.experts_closed_call.slug]),
    expect(visitor=302, member=403, curator=403),
    method="post",
    label="closed",
)
register(
    "experts:my_applications", lambda w: reverse("experts:my_applications"), SIGNED_IN
)
register("experts:application", _app_url("application"), OWN_DRAFT)
register("experts:application_cv", _app_url("application_cv"), OWN_DRAFT)
register("experts:application_edit", _app_url("application_edit"), OWN_EDIT)
register(
    "experts:application_check",
    _app_url("application_check"),
    OWN_EDIT,
    method="post",
)
register(
    "experts:application_withdraw",
    _app_url("application_withdraw"),
    expect(visitor=302, member=404, curator=403, expert=302),
    method="post",
)

MANAGERS = expect(visitor=302, member=403, curator=200)


def _call_url(name: str):
    return lambda w: reverse(f"experts:{name}", args=[w.experts_call.slug])


def _review_url(name: str):
    return lambda w: reverse(f"experts:{name}", args=[w.experts_review.pk])


for _name in ("manage", "assignment", "ranking", "statistics"):
    register(f"experts:{_name}", _call_url(_name), MANAGERS)
register(
    "experts:decisions_send",
    lambda w: reverse("experts:decisions_send", args=[w.experts_call.slug, 1]),
    expect(visitor=302, member=403, curator=302),
    method="post",
)
register(
    "experts:reviews",
    lambda w: reverse("experts:reviews"),
    expect(visitor=302, member=403, curator=200, reviewer=200),
)
register(
    "experts:assign_by_hand",
    _call_url("assign_by_hand"),
    expect(visitor=302, member=403, curator=302),
    method="post",
)
register(
    "experts:panel_conflicts",
    lambda w: reverse("experts:panel_conflicts"),
    expect(visitor=302, member=403, curator=200, reviewer=200),
)
REVIEW = expect(visitor=302, member=403, curator=200, reviewer=200)
register("experts:review", _review_url("review"), REVIEW)
register("experts:review_cv", _review_url("review_cv"), REVIEW)
register(
    "experts:review_conflict",
    _review_url("review_conflict"),
    expect(visitor=302, member=403, curator=403, reviewer=302),
    method="post",
)
from tests.experts import pool_access, support_access  # noqa: E402, F401 - their rows
