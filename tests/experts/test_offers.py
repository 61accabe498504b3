"""The expert pool in the self-assessment's recommendations: a support
request on a weak area, when the pool has experts on it."""

from __future__ import annotations

import re

from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.experts.offers import support_on_area
from tests.factories import UserFactory

from .support_factories import join, make_pool_expert, make_team


def _digital() -> CapacityArea:
    return CapacityArea.objects.get(code="digital")


def test_a_team_member_is_offered_a_support_request_on_the_area(db):
    member = join(make_team(), UserFactory())
    make_pool_expert("Ana", areas=["digital", "legacy"])
    make_pool_expert("Bo", areas=["digital"])
    make_pool_expert("Cy", areas=["legacy"])

    (offer,) = support_on_area(area=_digital(), user=member, limit=6)

    assert offer.kind == "expert"
    assert offer.title == "Ask the expert pool for support on Digital approaches"
    assert offer.url == reverse("experts:support_new") + "?area=digital"
    assert offer.reason == (
        "2 experts of the pool work on Digital approaches. Describe your need "
        "and the hub suggests who fits."
    )
    assert (offer.specificity, round(offer.quality, 3)) == (1.0, 0.667)


def test_no_offer_without_experts_on_the_area(db):
    member = join(make_team(), UserFactory())
    make_pool_expert("Cy", areas=["legacy"])
    revoked = make_pool_expert("Bo", areas=["digital"])
    revoked.user.groups.clear()

    assert support_on_area(area=_digital(), user=member, limit=6) == []


def test_the_teams_own_members_do_not_count_as_the_pool(db):
    team = make_team()
    member = join(team, UserFactory())
    join(team, make_pool_expert("Ana", areas=["digital"]).user)

    assert support_on_area(area=_digital(), user=member, limit=6) == []


def test_who_may_not_ask_for_support_is_not_offered_it(db):
    make_pool_expert("Ana", areas=["digital"])
    expert_reading_a_shared_result = make_pool_expert("Bo", areas=["legacy"]).user

    assert (
        support_on_area(area=_digital(), user=expert_reading_a_shared_result, limit=6)
        == []
    )


def test_the_support_form_starts_with_the_area_of_the_recommendation(client, db):
    member = join(make_team(), UserFactory())
    client.force_login(member)

    response = client.get(reverse("experts:support_new") + "?area=digital&area=nope")

    form = response.context["form"]
    assert [a.code for a in form.initial["capacity_areas"]] == ["digital"]
    ticked = re.findall(
        r'<input type="checkbox" name="capacity_areas" value="(\d+)"[^>]* checked',
        response.content.decode(),
    )
    assert ticked == [str(_digital().pk)]
