"""The expert pool in the self-assessment's recommendations: the experts
who work on a weak area, and a support request on it, when the pool has
experts on it."""

from __future__ import annotations

import re

from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.experts.models import SupportAssignment
from ecoc_hub.experts.offers import experts_on_area, support_on_area
from tests.factories import UserFactory

from .support_factories import join, make_pool_expert, make_request, make_team


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


def test_the_experts_on_the_area_are_offered_most_experienced_then_most_specialised(
    db,
):
    team = make_team()
    member = join(team, UserFactory())
    broad = make_pool_expert("Ana Broad", areas=["digital", "legacy", "governance"])
    make_pool_expert("Bo Focus", areas=["digital"])
    proven = make_pool_expert("Cy Proven", areas=["digital", "legacy"])
    make_pool_expert("Dee Elsewhere", areas=["legacy"])
    join(team, make_pool_expert("Eve Colleague", areas=["digital"]).user)
    other = make_team("Oulu 2026 team", city="Oulu", year=2026)
    for _n in range(2):
        SupportAssignment.objects.create(
            request=make_request(other),
            expert=proven,
            state=SupportAssignment.State.COMPLETED,
        )
    SupportAssignment.objects.create(
        request=make_request(other), expert=broad, state=SupportAssignment.State.INVITED
    )

    offers = experts_on_area(area=_digital(), user=member, limit=6)

    assert [o.title for o in offers] == ["Cy Proven", "Bo Focus", "Ana Broad"]
    first = offers[0]
    assert first.kind == "expert"
    assert first.url == reverse("experts:pool_expert", args=[proven.pool_entry.slug])
    assert first.reason == (
        "Works on Digital approaches and has completed 2 support assignments "
        "through the hub."
    )
    assert (first.specificity, first.quality) == (0.5, 1.0)
    assert offers[1].reason == (
        "Works on Digital approaches, an area of the expert's profile."
    )
    assert (offers[1].specificity, offers[1].quality) == (1.0, 0.5)
    assert [
        o.title for o in experts_on_area(area=_digital(), user=member, limit=1)
    ] == ["Cy Proven"]


def test_experts_are_not_offered_to_who_may_not_ask_for_support(db):
    make_pool_expert("Ana", areas=["digital"])
    reader = make_pool_expert("Bo", areas=["legacy"]).user

    assert experts_on_area(area=_digital(), user=reader, limit=6) == []
