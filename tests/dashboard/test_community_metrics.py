"""The community's figures against records counted by hand, placed by the
authors' and the requesting teams' title cities, and the DSA figures as on
the transparency page."""

from __future__ import annotations

import pytest

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.community import metrics, transparency
from ecoc_hub.community.models import (
    Notice,
    PeerRequest,
    PeerRequestEvent,
    Post,
    PostEvent,
    Space,
    Statement,
    Thread,
)
from ecoc_hub.core.metrics import Filters
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db


def _values(figure):
    return {s.label: list(s.values) for s in figure.series}


def _filtered(**place):
    return Filters(start=QUARTER.start, end=QUARTER.end, **place)


@pytest.fixture
def teams():
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    german = Title.objects.filter(city__country_code="DE").first()
    return {
        "oulu": OrganisationFactory(title=oulu),
        "german": OrganisationFactory(title=german),
        "candidate": OrganisationFactory(
            kind="candidate", title=None, candidate_city="Somewhere"
        ),
    }


def _member(team):
    return MembershipFactory(organisation=team).user


def _thread(space, author, when):
    thread = Thread.objects.create(
        space=space, title="A thread", language="en", author=author, created_at=when
    )
    _post(thread, author, when)
    return thread


def _post(thread, author, when, state="published"):
    return Post.objects.create(
        thread=thread, author=author, body="Hello", state=state, created_at=when
    )


@pytest.fixture
def posts(teams):
    space = Space.objects.create(name="Audiences", slug="audiences", kind="topic")
    oulu_a, oulu_b = _member(teams["oulu"]), _member(teams["oulu"])
    german, loner = _member(teams["german"]), UserFactory()
    first = _thread(space, oulu_a, at(2026, 1, 5))
    _post(first, german, at(2026, 1, 6))
    _post(first, oulu_b, at(2026, 1, 7))
    _post(first, loner, at(2026, 1, 8))
    second = _thread(space, loner, at(2026, 2, 3))
    _post(second, oulu_a, at(2026, 2, 4))
    _post(second, german, at(2026, 2, 5), state="held")
    _post(second, german, at(2026, 2, 6), state="hidden")
    # Before the period.
    _thread(space, oulu_a, at(2025, 12, 30))
    return first


def test_threads_and_replies_per_month(posts):
    assert _values(metrics.threads_and_replies(QUARTER)) == {
        "Threads started": [1, 1, 0],
        "Replies": [3, 1, 0],
    }


def test_posts_are_placed_by_their_authors_team(posts, teams):
    oulu = _filtered(title_id=teams["oulu"].title_id)
    assert _values(metrics.threads_and_replies(oulu)) == {
        "Threads started": [1, 0, 0],
        "Replies": [1, 1, 0],
    }
    assert _values(metrics.threads_and_replies(_filtered(country="DE"))) == {
        "Threads started": [0, 0, 0],
        "Replies": [1, 0, 0],
    }


def test_active_teams_have_a_published_post_that_month(posts, teams):
    assert _values(metrics.active_teams(QUARTER)) == {"Active teams": [2, 1, 0]}
    oulu = _filtered(title_id=teams["oulu"].title_id)
    assert _values(metrics.active_teams(oulu)) == {"Active teams": [1, 1, 0]}
    assert _values(metrics.active_teams(_filtered(country="DE"))) == {
        "Active teams": [1, 0, 0]
    }


def _request(teams, asking, asked, when, *steps):
    space = Space.objects.create(
        name=f"{asking} to {asked}",
        slug=f"peer-{when:%m%d}",
        kind="peer",
        access="team",
    )
    thread = _thread(space, None, when)
    request = PeerRequest.objects.create(
        from_team=teams[asking],
        to_team=teams[asked],
        kind="study_visit",
        capacity_area=CapacityArea.objects.first(),
        space=space,
        thread=thread,
        created_at=when,
    )
    for state, moment in steps:
        PeerRequestEvent.objects.create(
            request=request, action=state, to_state=state, created_at=moment
        )
    return request


@pytest.fixture
def requests(teams):
    _request(
        teams,
        "candidate",
        "oulu",
        at(2026, 1, 10),
        ("accepted", at(2026, 1, 12)),
        ("completed", at(2026, 3, 1)),
    )
    _request(teams, "german", "oulu", at(2026, 2, 1), ("declined", at(2026, 2, 2)))
    _request(teams, "candidate", "german", at(2026, 2, 15))


def test_peer_requests_by_the_month_of_each_step(requests):
    assert _values(metrics.peer_requests(QUARTER)) == {
        "Requests sent": [1, 2, 0],
        "Accepted": [1, 0, 0],
        "Declined": [0, 1, 0],
        "Completed": [0, 0, 1],
    }


def test_a_peer_request_counts_for_both_teams(requests, teams):
    oulu = _filtered(title_id=teams["oulu"].title_id)
    assert _values(metrics.peer_requests(oulu)) == {
        "Requests sent": [1, 1, 0],
        "Accepted": [1, 0, 0],
        "Declined": [0, 1, 0],
        "Completed": [0, 0, 1],
    }
    assert _values(metrics.peer_requests(_filtered(country="DE"))) == {
        "Requests sent": [0, 2, 0],
        "Accepted": [0, 0, 0],
        "Declined": [0, 1, 0],
        "Completed": [0, 0, 0],
    }


def _restriction(post, when, notice=None):
    event = PostEvent.objects.create(
        post=post, action="hide", from_state="published", to_state="hidden"
    )
    Statement.objects.create(
        post=post,
        event=event,
        notice=notice,
        ground="terms",
        explanation="Against the rules.",
        created_at=when,
    )


def test_notices_and_decisions_as_on_the_transparency_page(posts, teams):
    post = posts.posts.first()

    def notice(when, state):
        return Notice.objects.create(
            post=post,
            reason="spam",
            explanation="Advertising.",
            state=state,
            created_at=when,
            decided_at=None if state == "open" else when,
        )

    hidden = notice(at(2026, 1, 10), "actioned")
    notice(at(2026, 1, 11), "dismissed")
    notice(at(2026, 2, 1), "open")
    _restriction(post, at(2026, 1, 12), notice=hidden)
    _restriction(post, at(2026, 3, 2))

    figure = metrics.notices_and_decisions(QUARTER)

    assert _values(figure) == {
        "Notices received": [2, 1, 0],
        "Post hidden": [1, 0, 0],
        "No action taken": [1, 0, 0],
        "Restrictions on a moderator's own initiative": [0, 0, 1],
    }
    by_month = {p.month.month: p for p in transparency.periods(year=2026)}
    assert [by_month[m].notices for m in (1, 2)] == [2, 1]
    assert (by_month[1].actioned, by_month[1].dismissed) == (1, 1)
    assert by_month[3].own_initiative == 1
    # The site's figures only: a place filter leaves them out.
    assert metrics.notices_and_decisions(_filtered(country="FI")).is_empty
