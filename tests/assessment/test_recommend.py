"""The ranking of recommendations, on fixtures where the right answer is
known: which offers each weak area gets, why, and in which order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from ecoc_hub.accounts.models import Membership
from ecoc_hub.assessment import recommend, services
from ecoc_hub.assessment.profile import build_profile
from ecoc_hub.cities import offers
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.cities.offers import Offer
from tests.events.conftest import make_event
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import make_resource, past_title, submitted

WEAK = {"digital": 1, "audience-development": 2}


def _levels(statement) -> int:
    return WEAK.get(statement.area.code, 4)


def _area(code: str) -> CapacityArea:
    return CapacityArea.objects.get(code=code)


def _six_areas() -> list[CapacityArea]:
    others = CapacityArea.objects.exclude(code="digital").order_by("pk")[:5]
    return [*others, _area("digital")]


@pytest.fixture
def profile(team, team_admin):
    return build_profile(submitted(team, team_admin, level=_levels))


def _offer(kind: str, key: str, *, specificity=1.0, quality=0.5) -> Offer:
    return Offer(
        kind=kind,
        key=key,
        title=key,
        url=f"/{key}/",
        reason="",
        specificity=specificity,
        quality=quality,
    )


def _titles(group) -> list[str]:
    return [item.offer.title for item in group.items]


# The ranking itself, on hand-built offers.


def test_a_toolkit_on_the_area_alone_beats_a_report_tagged_with_six_areas():
    ranked = recommend.rank(
        [
            _offer("resource", "report", specificity=1 / 6, quality=0.5),
            _offer("resource", "toolkit", specificity=1.0, quality=1.0),
        ],
        area_gap=1.0,
    )

    assert [(r.offer.key, r.score) for r in ranked] == [
        ("toolkit", 3.75),
        ("report", 2.375),
    ]


def test_a_course_beats_a_resource_of_the_same_fit():
    ranked = recommend.rank(
        [_offer("resource", "guide"), _offer("course", "course")], area_gap=0.5
    )

    assert [r.offer.key for r in ranked] == ["course", "guide"]
    assert [r.score for r in ranked] == [3.0, 2.5]


def test_the_kinds_rank_by_their_weight_when_the_fit_is_the_same():
    kinds = ["event", "peer", "expert", "resource", "course"]

    ranked = recommend.rank([_offer(kind, kind) for kind in kinds], area_gap=0.0)

    assert [r.offer.kind for r in ranked] == [
        "course",
        "resource",
        "expert",
        "peer",
        "event",
    ]


def test_no_more_than_two_of_a_kind_and_six_in_all():
    found = [_offer("resource", f"r{n}", quality=1.0) for n in range(5)]
    found += [_offer("event", f"e{n}") for n in range(3)]
    found += [_offer("peer", f"p{n}", quality=0.1) for n in range(3)]
    found += [_offer("course", "c0", quality=0.0)]

    ranked = recommend.rank(found, area_gap=1.0)

    assert [r.offer.key for r in ranked] == ["r0", "r1", "c0", "e0", "e1", "p0"]


def test_an_offer_given_twice_is_counted_once():
    ranked = recommend.rank(
        [_offer("resource", "same"), _offer("resource", "same")], area_gap=0.0
    )

    assert [r.offer.key for r in ranked] == ["same"]


def test_the_gap_is_the_distance_to_the_top_of_the_scale():
    assert [recommend.gap(score) for score in (1, 2, 3, 5, None)] == [
        1.0,
        0.75,
        0.5,
        0.0,
        1.0,
    ]


# Recommendations of a real profile, from the registered providers.


def test_each_weak_area_gets_its_own_offers_the_weakest_first(profile, team_admin):
    make_resource(title="Digital toolkit", areas=[_area("digital")])
    make_resource(title="Digital research", areas=_six_areas(), kind="research_report")
    make_resource(
        title="Audience guide", areas=[_area("audience-development")], kind="guide"
    )
    make_resource(title="Volunteer toolkit", areas=[_area("volunteering")])

    groups = recommend.recommend(profile, user=team_admin)

    assert [(g.area.area.code, g.area.score) for g in groups] == [
        ("digital", 1.0),
        ("audience-development", 2.0),
    ]
    assert [_titles(g) for g in groups] == [
        ["Digital toolkit", "Digital research"],
        ["Audience guide"],
    ]
    assert [[i.offer.reason for i in g.items] for g in groups] == [
        [
            "Toolkit to put into practice on Digital approaches.",
            "Research report on Digital approaches, in the library.",
        ],
        ["Guide to put into practice on Audience development."],
    ]
    assert [i.score for i in groups[0].items] == [3.75, 2.375]


def test_an_area_rated_above_3_gets_no_recommendations(team, team_admin):
    make_resource(title="Digital toolkit", areas=[_area("digital")])
    profile = build_profile(submitted(team, team_admin, level=4))

    assert recommend.recommend(profile, user=team_admin) == []


def test_at_most_five_areas_get_recommendations(team, team_admin):
    profile = build_profile(submitted(team, team_admin, level=2))

    groups = recommend.recommend(profile, user=team_admin)

    assert len(groups) == 5


def test_an_open_event_on_the_area_ranks_between_the_toolkit_and_the_report(
    profile, team_admin
):
    make_resource(title="Digital toolkit", areas=[_area("digital")])
    make_resource(title="Digital research", areas=_six_areas(), kind="research_report")
    event = make_event(
        title="Digital camp",
        starts_at=datetime(2030, 6, 4, 8, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 6, 16, 0, tzinfo=UTC),
        applications_close_at=datetime(2030, 5, 1, tzinfo=UTC),
    )
    event.capacity_areas.set([_area("digital")])

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == ["Digital toolkit", "Digital camp", "Digital research"]
    assert digital.items[1].offer.reason == (
        "Academy Camp on Digital approaches on 4 June 2030; applications are open."
    )
    assert digital.items[1].score == 3.0


def test_cancelled_past_and_draft_events_are_not_recommended(profile, team_admin):
    now = timezone.now()
    cancelled = make_event(title="Cancelled", is_cancelled=True)
    past = make_event(
        title="Past",
        starts_at=now - timedelta(days=9),
        ends_at=now - timedelta(days=8),
        applications_open_at=None,
        applications_close_at=None,
    )
    # Its organiser may see the draft, but it is not offered until published.
    draft = make_event(title="Draft", visibility="draft", organisers=[team_admin])
    for event in (cancelled, past, draft):
        event.capacity_areas.set([_area("digital")])

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == []


def test_a_resource_the_reader_may_not_see_is_not_recommended(profile, team_admin):
    other_team = OrganisationFactory()
    make_resource(
        title="Their notes",
        areas=[_area("digital")],
        access="restricted",
    ).allowed_organisations.set([other_team])
    make_resource(title="Members toolkit", areas=[_area("digital")], access="members")

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == ["Members toolkit"]


def _peer_team(city: str, year: int, *, level: int, peer_visible: bool):
    team = OrganisationFactory(title=past_title(city, year))
    admin = MembershipFactory(organisation=team, role=Membership.Role.ADMIN).user
    done = submitted(team, admin, level=level)
    services.share_assessment(
        assessment=done, experts=[], peer_visible=peer_visible, person=admin
    )
    return done


def test_a_past_title_that_rated_itself_strong_is_offered_as_a_peer(
    profile, team_admin
):
    _peer_team("Chemnitz", 2025, level=5, peer_visible=True)
    # Strong too, but it did not offer itself as a peer.
    _peer_team("Nova Gorica", 2025, level=5, peer_visible=False)
    # Offered itself, but is not strong.
    _peer_team("Tartu", 2024, level=3, peer_visible=True)

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == ["Chemnitz 2025"]
    assert digital.items[0].offer.reason == (
        "Its team rated itself strong here (5.0 out of 5)."
    )
    assert digital.items[0].offer.detail == "European Capital of Culture 2025"


def test_a_past_title_the_library_holds_resources_about_is_offered(profile, team_admin):
    tartu = past_title("Tartu", 2024)
    for n in range(2):
        make_resource(
            title=f"Tartu case {n}",
            areas=[_area("digital")],
            kind="case_study",
            titles=[tartu],
        )

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == ["Tartu case 0", "Tartu case 1", "Tartu 2024"]
    peer = digital.items[2].offer
    assert (
        peer.reason == "The library holds 2 resources about it on Digital approaches."
    )


def test_a_team_is_not_offered_itself_as_a_peer(team_admin):
    chemnitz = OrganisationFactory(title=past_title("Chemnitz", 2025))
    MembershipFactory(
        organisation=chemnitz, user=team_admin, role=Membership.Role.ADMIN
    )
    make_resource(
        title="Chemnitz digital case",
        areas=[_area("digital")],
        kind="case_study",
        titles=[past_title("Chemnitz", 2025)],
    )
    own = build_profile(submitted(chemnitz, team_admin, level=_levels))

    digital = recommend.recommend(own, user=team_admin)[0]

    assert _titles(digital) == ["Chemnitz digital case"]


def test_a_registered_course_is_ranked_with_the_rest(profile, team_admin):
    make_resource(title="Digital toolkit", areas=[_area("digital")])

    def courses(*, area, user, limit):
        if area.code != "digital":
            return []
        return [
            Offer(
                kind="course",
                key="c",
                title="Digital course",
                url="/courses/digital/",
                reason="A course on Digital approaches.",
                quality=1.0,
            )
        ]

    offers.register("course", courses)
    try:
        groups = recommend.recommend(profile, user=team_admin)
    finally:
        offers.unregister("course", courses)

    assert [_titles(g) for g in groups] == [["Digital course", "Digital toolkit"], []]
    assert groups[0].items[0].score == 4.5


def test_the_expert_pool_is_offered_by_expert_and_through_a_support_request(
    profile, team_admin
):
    from tests.experts.support_factories import make_pool_expert

    make_resource(title="Digital toolkit", areas=[_area("digital")])
    ana = make_pool_expert("Ana", areas=["digital"])

    digital = recommend.recommend(profile, user=team_admin)[0]

    assert _titles(digital) == [
        "Digital toolkit",
        "Ana",
        "Ask the expert pool for support on Digital approaches",
    ]
    assert digital.items[1].offer.url == ana.pool_entry.get_absolute_url()
    assert digital.items[2].offer.url == "/experts/support/new/?area=digital"
