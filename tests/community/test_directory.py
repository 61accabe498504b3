from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.accounts import team_areas
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.community import directory
from ecoc_hub.community.models import DirectoryEntry
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_past_title_team_shows_its_stage_and_shared_areas():
    team = OrganisationFactory(
        name="Leeuwarden team",
        title=Title.objects.get(city__name="Leeuwarden", year=2018),
    )
    area = CapacityArea.objects.get(code="monitoring-evaluation")

    def shared(t, *, shared_only):
        assert shared_only is True
        return team_areas.TeamAreas(strong=(area.code,), weak=()) if t == team else None

    team_areas.register(shared)
    try:
        rows = directory.team_rows(user=None)
    finally:
        from ecoc_hub.assessment.team_areas import latest_areas

        team_areas.register(latest_areas)

    row = next(r for r in rows if r.team == team)
    assert (row.stage, row.strong, row.weak) == ("Past title city", [area], [])


def test_a_candidate_team_is_a_candidate():
    team = OrganisationFactory(kind="candidate", title=None, candidate_city="Valdoria")

    assert directory.stage_of(team) == "Candidate city"


def test_only_listed_members_appear(client, member):
    team = OrganisationFactory(name="Oulu team")
    listed = MembershipFactory(organisation=team, user__display_name="Lia Listed").user
    MembershipFactory(organisation=team, user__display_name="Una Unlisted")
    DirectoryEntry.objects.create(user=listed, is_listed=True, role="Producer")
    client.force_login(member)

    teams_page = client.get(reverse("community:directory"))
    people_page = client.get(reverse("community:directory_people"))

    assert "Lia Listed" in teams_page.text
    assert "Una Unlisted" not in teams_page.text
    assert [e.user for e in people_page.context["entries"]] == [listed]


def test_a_member_lists_themselves(client, member):
    client.force_login(member)
    area = CapacityArea.objects.get(code="monitoring-evaluation")

    client.post(
        reverse("community:directory_me"),
        {"is_listed": "on", "role": "Evaluator", "areas": [area.pk]},
    )

    entry = DirectoryEntry.objects.get(user=member)
    assert (entry.is_listed, entry.role, list(entry.areas.all())) == (
        True,
        "Evaluator",
        [area],
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_people_directory_reads_in_constant_queries(
    client, member, count, django_assert_num_queries
):
    for _number in range(count):
        person = MembershipFactory().user
        DirectoryEntry.objects.create(user=person, is_listed=True)
    client.force_login(member)

    # The session, the user, the entries and three prefetches.
    with django_assert_num_queries(7):
        response = client.get(reverse("community:directory_people"))

    assert len(response.context["entries"]) == count
