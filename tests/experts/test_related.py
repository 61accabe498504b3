"""The experts' sections on capacity area and title pages (cities.related)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.experts.models import SupportAssignment
from ecoc_hub.experts.pool_models import PoolExpert
from tests.experts.support_factories import make_pool_expert, make_request, make_team

pytestmark = pytest.mark.django_db


def test_a_capacity_area_page_lists_its_listed_pool_experts(client):
    make_pool_expert("Vera", areas=["volunteering"])
    hidden = make_pool_expert("Hidden", areas=["volunteering"])
    PoolExpert.objects.filter(expert=hidden).update(is_listed=False)
    area = CapacityArea.objects.get(code="volunteering")

    html = client.get(
        reverse("cities:capacity_area", args=[area.code])
    ).content.decode()

    assert "Experts of the pool" in html
    assert ">Vera</a>" in html
    assert "Hidden" not in html
    assert "/experts/?area=volunteering" in html


def test_a_title_page_lists_completed_support_only_when_the_team_agreed(client):
    team = make_team()
    expert = make_pool_expert("Ana Ionescu")
    shown = make_request(team, title_text="Volunteer programme")
    shown.show_on_city_page = True
    shown.save()
    private = make_request(team, title_text="Private need")
    for item in (shown, private):
        SupportAssignment.objects.create(
            request=item, expert=expert, state=SupportAssignment.State.COMPLETED
        )

    html = client.get(team.title.get_absolute_url()).content.decode()

    assert "Support from the expert pool" in html
    assert "“Volunteer programme”, with Ana Ionescu" in html
    assert "Private need" not in html
