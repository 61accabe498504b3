from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.experts import services
from ecoc_hub.experts.models import Application
from tests.experts.conftest import fill, make_call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
State = Application.State


@pytest.fixture
def applicant():
    return UserFactory(display_name="Ana Expert")


@pytest.fixture
def draft(call, applicant):
    return fill(services.start_application(user=applicant, call=call))


def test_submitting_an_eligible_draft_stamps_the_time_and_the_first_open_round(
    draft, applicant
):
    outcome = services.submit(application=draft, actor=applicant)

    draft.refresh_from_db()
    assert (outcome.from_state, outcome.to_state) == (State.DRAFT, State.SUBMITTED)
    assert draft.state == State.SUBMITTED
    assert draft.round.number == 1
    assert draft.submitted_at is not None
    event = draft.events.get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "submit",
        applicant,
        State.DRAFT,
        State.SUBMITTED,
    )


def test_after_the_first_cutoff_the_application_goes_to_the_next_round(
    draft, applicant
):
    draft.call.rounds.filter(number=1).update(
        cutoff_on=timezone.localdate() - dt.timedelta(days=1)
    )

    services.submit(application=draft, actor=applicant)

    draft.refresh_from_db()
    assert draft.round.number == 2


def test_an_ineligible_draft_cannot_be_submitted_and_stays_a_draft(draft, applicant):
    draft.years_sector = 2
    draft.save()

    with pytest.raises(TransitionError) as caught:
        services.submit(application=draft, actor=applicant)

    draft.refresh_from_db()
    assert caught.value.code == "years_sector"
    assert caught.value.field == "years_sector"
    assert draft.state == State.DRAFT
    assert draft.events.count() == 0


def test_a_draft_without_the_declaration_cannot_be_submitted(call, applicant):
    draft = fill(
        services.start_application(user=applicant, call=call), declaration=False
    )

    with pytest.raises(TransitionError) as caught:
        services.submit(application=draft, actor=applicant)

    assert caught.value.code == "declaration"


def test_a_closed_call_refuses_submissions(applicant):
    call = make_call(slug="closed", open_now=False)
    draft = fill(services.start_application(user=applicant, call=call))

    with pytest.raises(TransitionError) as caught:
        services.submit(application=draft, actor=applicant)

    assert caught.value.code == "call_closed"


def test_someone_else_cannot_submit_or_withdraw(draft, applicant):
    with pytest.raises(ActionRefused):
        services.submit(application=draft, actor=UserFactory())
    services.submit(application=draft, actor=applicant)
    with pytest.raises(ActionRefused):
        services.withdraw(application=draft, actor=UserFactory())


def test_the_applicant_withdraws_a_submitted_application_with_a_comment(
    draft, applicant
):
    services.submit(application=draft, actor=applicant)

    services.withdraw(application=draft, actor=applicant, comment="New job.")

    draft.refresh_from_db()
    assert draft.state == State.WITHDRAWN
    assert draft.events.first().comment == "New job."


def test_a_draft_cannot_be_withdrawn(draft, applicant):
    with pytest.raises(TransitionError) as caught:
        services.withdraw(application=draft, actor=applicant)

    assert caught.value.code == "wrong_state"


def test_the_call_manager_starts_the_review_and_decides(draft, applicant, curator):
    services.submit(application=draft, actor=applicant)

    transition(draft, "start_review", actor=curator)
    transition(draft, "accept", actor=curator)

    draft.refresh_from_db()
    assert draft.state == State.ACCEPTED
    assert [e.action for e in draft.events.order_by("pk")] == [
        "submit",
        "start_review",
        "accept",
    ]


def test_an_applicant_cannot_decide_on_their_own_application(draft, applicant):
    services.submit(application=draft, actor=applicant)

    with pytest.raises(ActionRefused):
        transition(draft, "start_review", actor=applicant)


def test_a_named_manager_decides_only_on_their_call(draft, applicant):
    manager = UserFactory()
    draft.call.managers.add(manager)
    other = make_call(slug="other")
    elsewhere = fill(services.start_application(user=UserFactory(), call=other))
    services.submit(application=draft, actor=applicant)
    services.submit(application=elsewhere, actor=elsewhere.expert.user)

    transition(draft, "start_review", actor=manager)
    with pytest.raises(ActionRefused):
        transition(elsewhere, "start_review", actor=manager)
