"""The expert pool in the access matrix (imported by tests/experts/access.py).

The world's ``expert`` has a listed profile in the pool; ``other_expert`` an
unlisted one, which only they and curators see. Members of a city team
(``member``, ``other_team_member``) may write to a listed expert; nobody
else may, and nobody writes to themselves.
"""

from __future__ import annotations

from django.urls import reverse

from ecoc_hub.experts.models import ExpertProfile
from ecoc_hub.experts.pool_models import PoolExpert
from tests.access import World, expect, extend_world, public, register

public("experts:pool", "experts:pool_expert")


def _entry(user, name: str, *, listed: bool) -> PoolExpert:
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user, defaults={"full_name": name, "country": "FR"}
    )
    return PoolExpert.objects.create(
        expert=profile, slug=f"pool-{user.pk}", is_listed=listed
    )


@extend_world
def _pool_world(world: World) -> None:
    world.pool_listed = _entry(world.people["expert"], "Listed Expert", listed=True)
    world.pool_unlisted = _entry(
        world.people["other_expert"], "Unlisted Expert", listed=False
    )


NO_TEAM = {"organiser": 403, "reviewer": 403}
OWN = expect(
    visitor=302, member=403, curator=403, expert=200, other_expert=200, **NO_TEAM
)

register(
    "experts:pool_expert",
    lambda w: w.pool_unlisted.get_absolute_url(),
    expect(visitor=404, member=404, curator=200, expert=404, other_expert=200),
    label="unlisted",
)
register(
    "experts:pool_contact",
    lambda w: reverse("experts:pool_contact", args=[w.pool_listed.slug]),
    expect(
        visitor=302,
        member=302,
        other_team_member=302,
        curator=403,
        expert=403,
        other_expert=403,
        **NO_TEAM,
    ),
    method="post",
    data=lambda w: {"message": "Could you help us with our volunteers?"},
)
register("experts:my_pool_profile", lambda w: reverse("experts:my_pool_profile"), OWN)
register(
    "experts:pool_availability", lambda w: reverse("experts:pool_availability"), OWN
)
register(
    "experts:pool_confirm",
    lambda w: reverse("experts:pool_confirm"),
    expect(
        visitor=302, member=403, curator=403, expert=302, other_expert=302, **NO_TEAM
    ),
    method="post",
)
