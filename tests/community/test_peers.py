from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ecoc_hub.accounts import team_areas
from ecoc_hub.cities import offers
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.community import peers, permissions
from ecoc_hub.community.models import Notification, PeerRequest
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.search.queries import search
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return CapacityArea.objects.get(code="monitoring-evaluation")


@pytest.fixture
def candidate():
    return OrganisationFactory(
        name="Valdoria bid",
        slug="valdoria",
        kind="candidate",
        title=None,
        candidate_city="Valdoria",
    )


@pytest.fixture
def past():
    return OrganisationFactory(
        name="Leeuwarden team",
        slug="leeuwarden",
        title=Title.objects.get(city__name="Leeuwarden", year=2018),
    )


@pytest.fixture
def asker(candidate):
    return MembershipFactory(organisation=candidate).user


@pytest.fixture
def host(past):
    return MembershipFactory(organisation=past).user


@pytest.fixture
def visit(candidate, past, asker, host, area):
    return peers.ask_peer(
        from_team=candidate,
        to_team=past,
        author=asker,
        kind="study_visit",
        capacity_area=area,
        message="May we visit you?",
    )


def test_asking_opens_a_private_thread_and_tells_the_other_team(
    visit, host, asker, area
):
    assert visit.state == "requested"
    assert visit.thread.posts.get().body == "May we visit you?"
    assert visit.thread.title == f"A study visit on {area.display_name}"
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (host.pk, "peer_request")
    ]
    assert permissions.can_read_thread(host, visit.thread) is True
    assert permissions.can_read_thread(asker, visit.thread) is True
    assert permissions.can_read_thread(UserFactory(), visit.thread) is False
    assert permissions.can_read_thread(AnonymousUser(), visit.thread) is False


def test_the_thread_is_found_by_the_two_teams_only(visit, host, asker):
    def found(user):
        return search("visit", user=user, kinds=["community.thread"]).total

    assert (found(asker), found(host), found(UserFactory())) == (1, 1, 0)


def test_the_asked_team_accepts_and_the_askers_hear_of_it(visit, host, asker):
    transition(visit, "accept", actor=host)

    visit.refresh_from_db()
    assert visit.state == "accepted"
    assert visit.answered_at is not None
    assert Notification.objects.filter(recipient=asker).get().kind == "peer_answered"


def test_the_asking_team_may_not_answer_its_own_request(visit, asker):
    with pytest.raises(ActionRefused):
        transition(visit, "accept", actor=asker)


def test_declining_needs_a_word(visit, host):
    with pytest.raises(TransitionError) as error:
        transition(visit, "decline", actor=host)

    transition(visit, "decline", actor=host, comment="Not this year.")
    assert error.value.code == "comment_required"
    assert PeerRequest.objects.get().state == "declined"


def test_a_completed_request_gets_feedback_once_per_side(visit, host, asker, past):
    transition(visit, "accept", actor=host)
    transition(visit, "complete", actor=asker)

    sides_before = peers.feedback_sides(host, visit)
    peers.give_feedback(request=visit, team=past, author=host, rating=4, text="Good.")

    assert sides_before == [past]
    assert peers.feedback_sides(host, visit) == []
    assert [t.name for t in peers.feedback_sides(asker, visit)] == ["Valdoria bid"]


def test_a_member_asks_through_the_form(client, asker, past, area):
    client.force_login(asker)

    response = client.post(
        reverse("community:peer_request_new"),
        {
            "from_team": asker.memberships.get().organisation_id,
            "to_team": past.pk,
            "kind": "study_visit",
            "capacity_area": area.pk,
            "starts_on": "2027-03-01",
            "ends_on": "2027-03-02",
            "message": "Two days in March?",
        },
    )

    request = PeerRequest.objects.get()
    assert response.url == request.get_absolute_url()
    assert (str(request.starts_on), str(request.ends_on)) == (
        "2027-03-01",
        "2027-03-02",
    )


def test_dates_must_be_in_order(client, asker, past, area):
    client.force_login(asker)

    response = client.post(
        reverse("community:peer_request_new"),
        {
            "from_team": asker.memberships.get().organisation_id,
            "to_team": past.pk,
            "kind": "call",
            "capacity_area": area.pk,
            "starts_on": "2027-03-02",
            "ends_on": "2027-03-01",
            "message": "?",
        },
    )

    assert response.status_code == 200
    assert PeerRequest.objects.count() == 0


def test_the_host_accepts_on_the_request_page(client, visit, host):
    client.force_login(host)

    page = client.get(visit.get_absolute_url())
    response = client.post(
        reverse("community:peer_request_act", args=[visit.uuid, "accept"]), {}
    )

    visit.refresh_from_db()
    assert "Accept" in page.text
    assert response.status_code == 302
    assert visit.state == "accepted"


def test_suggested_peers_show_their_reasons(client, candidate, past, asker, area):
    def weak_areas(team, *, shared_only):
        return (
            team_areas.TeamAreas(strong=(), weak=(area.code,))
            if team == candidate
            else None
        )

    def strong_titles(*, area, user, limit):
        return [
            offers.Offer(
                kind="peer",
                key=str(past.title_id),
                title=str(past.title),
                url="/",
                reason="Its team rated itself strong here (4.5 out of 5).",
                quality=0.8,
            )
        ]

    team_areas.register(weak_areas)
    offers.register("peer", strong_titles)
    try:
        found = peers.suggested_peers(team=candidate, user=asker)
        client.force_login(asker)
        page = client.get(reverse("community:suggestions", args=[candidate.slug]))
    finally:
        offers.unregister("peer", strong_titles)
        from ecoc_hub.assessment.team_areas import latest_areas

        team_areas.register(latest_areas)

    assert [(s.team, s.area, s.reasons) for s in found] == [
        (past, area, ["Its team rated itself strong here (4.5 out of 5)."])
    ]
    assert "Its team rated itself strong here" in page.text
    assert f"to={past.slug}" in page.text
