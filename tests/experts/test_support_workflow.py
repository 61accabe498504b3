"""Support requests and assignments: every transition, refusal and e-mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.experts import matching, support_services
from ecoc_hub.experts.models import (
    SupportAssignment,
    SupportConflict,
    SupportRequest,
)
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
State = SupportAssignment.State


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def author(team):
    return join(
        team, UserFactory(display_name="Ioana", preferred_language="fr"), "admin"
    )


@pytest.fixture
def expert():
    return make_pool_expert("Ana Expert", preferred_language="de")


@pytest.fixture
def request_(team, author):
    return make_request(team, author)


def _invite(request_, expert, author):
    mail.outbox.clear()
    return support_services.invite(request=request_, expert=expert, actor=author)


def test_a_team_member_creates_a_draft_and_submits_it(team, author):
    values = {
        "title": "Volunteers",
        "description": "Help us train volunteers.",
        "text_language": "en",
        "profiles": [],
        "languages": ["ro"],
        "format": "on_site",
        "starts_on": __import__("datetime").date(2027, 3, 1),
        "ends_on": __import__("datetime").date(2027, 3, 31),
        "budget_min": 1000,
        "budget_max": 3000,
    }
    item = support_services.create_request(
        team=team,
        author=author,
        values=values,
        capacity_areas=list(CapacityArea.objects.filter(code="volunteering")),
    )
    assert item.state == SupportRequest.State.DRAFT

    support_services.move_request(request=item, action="submit", actor=author)

    item.refresh_from_db()
    assert item.state == SupportRequest.State.SUBMITTED
    assert item.submitted_at is not None
    assert list(item.events.values_list("action", "to_state")) == [
        ("submit", "submitted")
    ]


def test_someone_outside_the_team_cannot_create_a_request_for_it(team):
    with pytest.raises(ActionRefused):
        support_services.create_request(
            team=team, author=UserFactory(), values={}, capacity_areas=[]
        )


def test_a_request_without_a_capacity_area_cannot_be_submitted(team, author):
    item = make_request(team, author, areas=[], state="draft")

    with pytest.raises(TransitionError) as error:
        support_services.move_request(request=item, action="submit", actor=author)

    assert (error.value.code, error.value.field) == (
        "no_capacity_area",
        "capacity_areas",
    )
    item.refresh_from_db()
    assert item.state == "draft"


def test_a_submitted_request_can_no_longer_be_edited(team, author, request_):
    with pytest.raises(ActionRefused):
        support_services.update_request(
            request=request_, actor=author, values={"title": "New"}, capacity_areas=[]
        )


def test_bad_dates_change_nothing(team, author):
    item = make_request(team, author, state="draft")
    import datetime as dt

    with pytest.raises(ValidationError):
        support_services.update_request(
            request=item,
            actor=author,
            values={"starts_on": dt.date(2027, 5, 1), "ends_on": dt.date(2027, 4, 1)},
            capacity_areas=[],
        )
    item.refresh_from_db()
    assert item.capacity_areas.count() == 1


def test_the_team_closes_and_withdraws_requests(team, author, request_):
    support_services.move_request(request=request_, action="close", actor=author)
    assert request_.state == "closed"
    with pytest.raises(TransitionError) as error:
        support_services.move_request(request=request_, action="withdraw", actor=author)
    assert error.value.code == "wrong_state"


def test_another_team_cannot_move_a_request(request_):
    stranger = join(make_team("Other", city="Matera", year=2019), UserFactory())
    with pytest.raises(ActionRefused):
        support_services.move_request(request=request_, action="close", actor=stranger)


def test_inviting_an_expert_e_mails_them_in_their_language(request_, expert, author):
    assignment = _invite(request_, expert, author)

    assert assignment.state == State.INVITED
    assert [m.to for m in mail.outbox] == [[expert.user.email]]
    assert mail.outbox[0].subject.endswith("Timișoara team lädt Sie zur Mitarbeit ein")
    assert list(assignment.events.values_list("action", flat=True)) == ["invite"]


def test_an_expert_cannot_be_invited_twice(request_, expert, author):
    _invite(request_, expert, author)
    with pytest.raises(ValidationError):
        _invite(request_, expert, author)


def test_a_team_member_expert_and_a_conflicted_expert_cannot_be_invited(
    team, request_, author
):
    insider = make_pool_expert("Insider")
    join(team, insider.user)
    conflicted = make_pool_expert("Conflicted")
    SupportConflict.objects.create(expert=conflicted, team=team)

    for expert in (insider, conflicted):
        with pytest.raises(ValidationError):
            _invite(request_, expert, author)
    assert SupportAssignment.objects.count() == 0


def test_a_draft_request_cannot_invite(team, author, expert):
    item = make_request(team, author, state="draft")
    with pytest.raises(ActionRefused):
        _invite(item, expert, author)


def test_the_expert_accepts_and_the_team_hears_in_its_language(
    request_, expert, author
):
    assignment = _invite(request_, expert, author)
    mail.outbox.clear()

    support_services.move(assignment=assignment, action="accept", actor=expert.user)

    assert assignment.state == State.AGREED
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert mail.outbox[0].subject.endswith("Ana Expert a accepté votre invitation")


def test_the_team_cannot_accept_for_the_expert(request_, expert, author):
    assignment = _invite(request_, expert, author)
    with pytest.raises(ActionRefused):
        support_services.move(assignment=assignment, action="accept", actor=author)


def test_an_expert_cannot_accept_once_the_request_is_closed(request_, expert, author):
    assignment = _invite(request_, expert, author)
    support_services.move_request(request=request_, action="close", actor=author)

    with pytest.raises(TransitionError) as error:
        support_services.move(assignment=assignment, action="accept", actor=expert.user)

    assert error.value.code == "request_not_open"


def test_declining_with_a_conflict_keeps_the_expert_out_of_the_teams_matches(
    team, request_, expert, author
):
    assignment = _invite(request_, expert, author)
    mail.outbox.clear()

    support_services.decline(
        assignment=assignment,
        actor=expert.user,
        comment="I work for them.",
        conflict=True,
    )

    assert assignment.state == State.DECLINED
    assert SupportConflict.objects.filter(expert=expert, team=team).count() == 1
    assert matching.rank(make_request(team, title_text="Next")).matches == []
    assert mail.outbox[0].subject.endswith("Ana Expert a décliné votre invitation")


def test_the_team_withdraws_an_invitation(request_, expert, author):
    assignment = _invite(request_, expert, author)
    mail.outbox.clear()

    support_services.move(assignment=assignment, action="withdraw", actor=author)

    assert assignment.state == State.WITHDRAWN
    assert [m.to for m in mail.outbox] == [[expert.user.email]]


def test_the_work_moves_from_agreed_to_in_progress_to_completed(
    request_, expert, author
):
    assignment = _invite(request_, expert, author)
    support_services.move(assignment=assignment, action="accept", actor=expert.user)
    with pytest.raises(ActionRefused):
        support_services.move(assignment=assignment, action="start", actor=expert.user)
    with pytest.raises(TransitionError):
        support_services.move(assignment=assignment, action="complete", actor=author)
    mail.outbox.clear()

    support_services.move(assignment=assignment, action="start", actor=author)
    support_services.move(assignment=assignment, action="complete", actor=author)

    assert assignment.state == State.COMPLETED
    assert [m.subject.split("] ")[-1] for m in mail.outbox] == [
        "Die Arbeit an „Reaching new audiences“ hat begonnen",
        "Die Arbeit an „Reaching new audiences“ ist abgeschlossen",
    ]
    assert list(assignment.events.order_by("pk").values_list("action", flat=True)) == [
        "invite",
        "accept",
        "start",
        "complete",
    ]


def test_cancelling_needs_a_reason_and_either_side_may_cancel(request_, expert, author):
    assignment = _invite(request_, expert, author)
    support_services.move(assignment=assignment, action="accept", actor=expert.user)
    with pytest.raises(TransitionError) as error:
        support_services.move(assignment=assignment, action="cancel", actor=expert.user)
    assert error.value.field == "comment"
    mail.outbox.clear()

    support_services.move(
        assignment=assignment, action="cancel", actor=expert.user, comment="Ill."
    )

    assert assignment.state == State.CANCELLED
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Ill." in mail.outbox[0].body


def test_messages_reach_the_other_side_without_addresses(request_, expert, author):
    assignment = _invite(request_, expert, author)
    mail.outbox.clear()

    support_services.send_message(assignment=assignment, author=author, body="Hello!")
    support_services.send_message(assignment=assignment, author=expert.user, body="Hi.")

    assert [m.to for m in mail.outbox] == [[expert.user.email], [author.email]]
    assert author.email not in mail.outbox[0].body
    assert expert.user.email not in mail.outbox[1].body
    assert "Hello!" in mail.outbox[0].body
    assert list(assignment.messages.values_list("side", flat=True)) == [
        "team",
        "expert",
    ]


def test_an_empty_message_or_a_stranger_sends_nothing(request_, expert, author):
    assignment = _invite(request_, expert, author)
    with pytest.raises(ValidationError):
        support_services.send_message(assignment=assignment, author=author, body="  ")
    with pytest.raises(ActionRefused):
        support_services.send_message(
            assignment=assignment, author=UserFactory(), body="Spam"
        )
    assert assignment.messages.count() == 0


def test_feedback_once_per_side_and_only_when_completed(request_, expert, author):
    assignment = _invite(request_, expert, author)
    support_services.move(assignment=assignment, action="accept", actor=expert.user)
    with pytest.raises(ActionRefused):
        support_services.give_feedback(assignment=assignment, author=author, rating=5)
    support_services.move(assignment=assignment, action="start", actor=author)
    support_services.move(assignment=assignment, action="complete", actor=author)

    support_services.give_feedback(
        assignment=assignment, author=author, rating=5, comment="Great"
    )
    support_services.give_feedback(assignment=assignment, author=expert.user, rating=4)

    with pytest.raises(ValidationError):
        support_services.give_feedback(assignment=assignment, author=author, rating=3)
    with pytest.raises(ValidationError):
        support_services.give_feedback(
            assignment=assignment, author=expert.user, rating=9
        )
    assert sorted(assignment.feedback.values_list("side", "rating")) == [
        ("expert", 4),
        ("team", 5),
    ]
