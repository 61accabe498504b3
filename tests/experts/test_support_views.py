"""The support pages: forms, the ranked and explained list, the work page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.experts.enums import Profile
from ecoc_hub.experts.models import ExpertProfile, SupportAssignment, SupportRequest
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(member):
    team = make_team()
    join(team, member, "admin")
    return team


def _form(**overrides):
    area = CapacityArea.objects.get(code="audience-development")
    data = {
        "title": "New audiences",
        "description": "We need help to reach young people.",
        "text_language": "en",
        "capacity_areas": [area.pk],
        "languages": ["ro"],
        "format": "remote",
        "starts_on": "2027-03-01",
        "ends_on": "2027-03-31",
        "budget_min": "500",
        "budget_max": "2000",
    }
    data.update(overrides)
    return data


def test_a_team_member_writes_a_draft_through_the_form(member_client, team):
    response = member_client.post(reverse("experts:support_new"), _form())

    item = SupportRequest.objects.get()
    assert response.status_code == 302
    assert (item.team, item.state, item.languages) == (team, "draft", ["ro"])


def test_dates_in_the_wrong_order_are_refused_and_nothing_is_saved(member_client, team):
    response = member_client.post(
        reverse("experts:support_new"), _form(ends_on="2027-02-01")
    )

    assert response.status_code == 200
    assert "The end date comes before the start date." in response.text
    assert SupportRequest.objects.count() == 0


def test_the_matches_page_explains_each_score_line_by_line(member_client, team):
    make_pool_expert(
        "Ana Ionescu",
        areas=["audience-development"],
        profiles=[Profile.AUDIENCE],
        languages=[("ro", "C1")],
    )
    item = make_request(team, languages=["ro"])

    response = member_client.get(reverse("experts:support_matches", args=[item.uuid]))

    assert response.status_code == 200
    html = response.text
    assert "Audience development: capacity area match" in html
    assert "Audience development: profile match" in html
    assert "speaks Romanian (C1)" in html
    assert "Invite Ana Ionescu" in html


def test_inviting_from_the_page_records_the_score_and_e_mails_the_expert(
    member_client, team
):
    expert = make_pool_expert("Ana", areas=["audience-development"])
    item = make_request(team)
    mail.outbox.clear()

    member_client.post(
        reverse("experts:support_invite", args=[item.uuid]), {"expert": expert.pk}
    )

    assignment = SupportAssignment.objects.get()
    assert assignment.expert == expert
    # areas 30, languages 20 (none asked), feedback 5 (none yet), no shared word
    assert assignment.score == 55
    assert len(mail.outbox) == 1


def test_an_excluded_expert_cannot_be_invited_by_posting_their_id(
    member_client, team, member
):
    insider = make_pool_expert("Insider")
    join(team, insider.user)
    item = make_request(team)

    member_client.post(
        reverse("experts:support_invite", args=[item.uuid]), {"expert": insider.pk}
    )

    assert SupportAssignment.objects.count() == 0


def test_the_expert_sees_no_team_address_on_the_work_page(client, team, member):
    expert = make_pool_expert("Ana")
    item = make_request(team, member)
    assignment = SupportAssignment.objects.create(request=item, expert=expert)
    client.force_login(expert.user)

    response = client.get(assignment.get_absolute_url())

    assert response.status_code == 200
    assert member.email not in response.text
    assert "Accept the invitation" in response.text


def test_the_request_list_runs_in_constant_queries(
    member_client, team, django_assert_num_queries
):
    make_request(team, title_text="One")
    member_client.get(reverse("experts:support_list"))  # session and caches warm
    with django_assert_num_queries(6):
        member_client.get(reverse("experts:support_list"))
    make_request(team, title_text="Two")
    make_request(team, title_text="Three")
    with django_assert_num_queries(6):
        member_client.get(reverse("experts:support_list"))


def test_the_invitations_list_runs_in_constant_queries(
    client, team, django_assert_num_queries
):
    expert = make_pool_expert("Ana")
    client.force_login(expert.user)
    SupportAssignment.objects.create(request=make_request(team), expert=expert)
    client.get(reverse("experts:invitations"))
    with django_assert_num_queries(4):
        client.get(reverse("experts:invitations"))
    for name in ("Two", "Three"):
        SupportAssignment.objects.create(
            request=make_request(team, title_text=name), expert=expert
        )
    with django_assert_num_queries(4):
        client.get(reverse("experts:invitations"))


@pytest.mark.parametrize(
    ("state", "offered"), [("draft", False), ("submitted", True), ("closed", False)]
)
def test_the_request_page_offers_its_matches_while_it_is_open(
    member_client, team, state, offered
):
    item = make_request(team, state=state)

    response = member_client.get(item.get_absolute_url())

    assert response.status_code == 200
    assert ("See the proposed experts" in response.text) is offered


def _names(html: str) -> list[str]:
    import re

    return re.findall(r'<li class="card" id="expert-\d+">\s*<h2>([^<]+)</h2>', html)


def _fitting_pool(count: int) -> None:
    """``count`` experts of the request's area, one of them with the profile
    too (the best), and two experts who fit nothing of it."""
    make_pool_expert(
        "Zoe Zeller", areas=["audience-development"], profiles=[Profile.AUDIENCE]
    )
    for number in range(1, count):
        make_pool_expert(f"Expert {number:02}", areas=["audience-development"])
    make_pool_expert("Bruno Ferrante", areas=["artistic-programming"])
    make_pool_expert("Carla Neri", areas=["legal-ipr"])


def test_the_matches_page_shows_ten_fitting_experts_a_page_best_first(
    member_client, team
):
    _fitting_pool(12)
    item = make_request(team)
    url = reverse("experts:support_matches", args=[item.uuid])

    first = member_client.get(url).text
    second = member_client.get(url, {"page": 2}).text

    assert _names(first) == ["Zoe Zeller", *[f"Expert {n:02}" for n in range(1, 10)]]
    assert "12 experts fit this request." in first
    assert "Showing 1 to 10, the best-scoring first." in first
    assert (
        "2 other experts of the pool score no points for the request's "
        "capacity areas, expert profiles or words and are not shown." in first
    )
    assert 'href="?page=2" rel="next"' in first
    assert _names(second) == ["Expert 10", "Expert 11"]
    assert '<ol class="match-list" start="11">' in second
    assert "Bruno Ferrante" not in first + second


def test_the_experts_who_fit_nothing_are_shown_when_asked_for(member_client, team):
    _fitting_pool(3)
    item = make_request(team)

    response = member_client.get(
        reverse("experts:support_matches", args=[item.uuid]), {"all": "1"}
    )

    html = response.text
    assert _names(html)[-2:] == ["Bruno Ferrante", "Carla Neri"]
    assert "5 experts of the pool can be invited. 3 experts fit this request." in html
    assert "Show only the experts who fit the request" in html
    assert '<input type="hidden" name="all" value="1">' in html


def test_an_invited_expert_stays_on_the_page_even_if_they_fit_nothing(
    member_client, team
):
    _fitting_pool(1)
    item = make_request(team)
    bruno = ExpertProfile.objects.get(full_name="Bruno Ferrante")
    SupportAssignment.objects.create(request=item, expert=bruno)

    html = member_client.get(reverse("experts:support_matches", args=[item.uuid])).text

    assert _names(html) == ["Zoe Zeller", "Bruno Ferrante"]
    assert "Invited: Invited" in html
    assert "1 other expert of the pool scores no points" in html


def test_inviting_from_the_second_page_comes_back_to_the_expert_on_that_page(
    member_client, team
):
    _fitting_pool(12)
    item = make_request(team)
    expert = ExpertProfile.objects.get(full_name="Expert 11")

    response = member_client.post(
        reverse("experts:support_invite", args=[item.uuid]),
        {"expert": expert.pk, "page": "2"},
    )

    matches = reverse("experts:support_matches", args=[item.uuid])
    assert response.status_code == 302
    assert response.url == f"{matches}?page=2#expert-{expert.pk}"
    assert SupportAssignment.objects.get().expert == expert


def test_a_page_number_that_is_not_a_number_is_not_carried_back(member_client, team):
    _fitting_pool(1)
    item = make_request(team)

    response = member_client.post(
        reverse("experts:support_invite", args=[item.uuid]),
        {"expert": "x", "page": "2&all=1"},
    )

    assert response.url == reverse("experts:support_matches", args=[item.uuid])


def test_the_matches_page_runs_in_constant_queries(
    member_client, team, django_assert_num_queries
):
    item = make_request(team)
    url = reverse("experts:support_matches", args=[item.uuid])
    make_pool_expert("Ana", areas=["audience-development"], experience=[])
    member_client.get(url)  # session and caches warm
    with django_assert_num_queries(17):
        member_client.get(url)
    for name in ("Two", "Three"):
        SupportAssignment.objects.create(
            request=item,
            expert=make_pool_expert(name, areas=["audience-development"]),
        )
    with django_assert_num_queries(17):
        member_client.get(url)
    for number in range(12):
        make_pool_expert(f"Expert {number}", areas=["audience-development"])
    with django_assert_num_queries(17):
        member_client.get(url, {"page": 2})
