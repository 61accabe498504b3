"""Every transition of an application and its offer, and each refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.events import services
from ecoc_hub.events.models import Application
from tests.events.conftest import apply, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.State
O = Application.Offer  # noqa: E741


def _states(application):
    application.refresh_from_db()
    return application.state, application.offer_state


def _history(application):
    return list(
        application.history.order_by("created_at", "pk").values_list(
            "action", "from_state", "to_state"
        )
    )


def test_applicant_submits_and_history_records_it(event):
    application = apply(event)

    assert _states(application) == (S.SUBMITTED, O.NONE)
    assert _history(application) == [("submit", "", "submitted")]


def test_a_person_applies_once(event, member):
    apply(event, member)

    with pytest.raises(TransitionError) as error:
        apply(event, member)

    assert error.value.code == "already_applied"
    assert Application.objects.filter(event=event).count() == 1


def test_nobody_applies_to_a_closed_or_draft_event(member):
    closed = make_event(
        applications_close_at=timezone.now() - timedelta(minutes=1),
        applications_open_at=timezone.now() - timedelta(days=2),
    )
    draft = make_event(visibility="draft")

    for event in (closed, draft):
        with pytest.raises(ActionRefused):
            apply(event, member)
    assert Application.objects.count() == 0


def test_organiser_accepts_waitlists_and_rejects(event, organiser):
    first, second, third = apply(event), apply(event), apply(event)

    services.decide(application=first, action="accept", actor=organiser)
    services.decide(application=second, action="waitlist", actor=organiser)
    services.decide(application=third, action="reject", actor=organiser)

    assert [_states(a)[0] for a in (first, second, third)] == [
        S.ACCEPTED, S.WAITLISTED, S.REJECTED,
    ]  # fmt: skip
    assert _history(second)[-1] == ("waitlist", "submitted", "waitlisted")


@pytest.mark.parametrize("action", ["accept", "waitlist", "reject"])
def test_applicant_and_other_organisers_may_not_decide(event, action):
    application = apply(event)
    other_organiser = UserFactory()
    make_event(organisers=[other_organiser])

    for person in (application.applicant, other_organiser):
        with pytest.raises(ActionRefused):
            services.decide(application=application, action=action, actor=person)
    assert _states(application) == (S.SUBMITTED, O.NONE)


def test_curator_decides_on_any_event(event, curator):
    application = apply(event)

    services.decide(application=application, action="accept", actor=curator)

    assert _states(application)[0] == S.ACCEPTED


def test_capacity_is_never_exceeded(event, organiser):
    applications = [apply(event) for _ in range(3)]
    services.decide(application=applications[0], action="accept", actor=organiser)
    services.decide(application=applications[1], action="accept", actor=organiser)

    with pytest.raises(TransitionError) as error:
        services.decide(application=applications[2], action="accept", actor=organiser)

    assert error.value.code == "full"
    assert _states(applications[2])[0] == S.SUBMITTED


def test_a_rejected_application_cannot_be_accepted(event, organiser):
    application = apply(event)
    services.decide(application=application, action="reject", actor=organiser)

    with pytest.raises(TransitionError) as error:
        services.decide(application=application, action="accept", actor=organiser)

    assert error.value.code == "wrong_state"


@pytest.mark.parametrize("stage", ["submitted", "accepted", "waitlisted"])
def test_applicant_withdraws_at_every_stage(event, organiser, stage):
    application = apply(event)
    if stage != "submitted":
        action = {"accepted": "accept", "waitlisted": "waitlist"}[stage]
        services.decide(application=application, action=action, actor=organiser)

    services.withdraw_application(application=application, user=application.applicant)

    assert _states(application)[0] == S.WITHDRAWN
    assert _history(application)[-1] == ("withdraw", stage, "withdrawn")


def test_only_the_applicant_withdraws(event, organiser):
    application = apply(event)

    with pytest.raises(ActionRefused):
        services.withdraw_application(application=application, user=organiser)


def test_a_rejected_application_cannot_be_withdrawn(event, organiser):
    application = apply(event)
    services.decide(application=application, action="reject", actor=organiser)

    with pytest.raises(TransitionError) as error:
        services.withdraw_application(
            application=application, user=application.applicant
        )
    assert error.value.code == "wrong_state"


def _full_event_with_queue(event, organiser, queued=2):
    accepted = [apply(event) for _ in range(event.capacity)]
    for a in accepted:
        services.decide(application=a, action="accept", actor=organiser)
    waiting = [apply(event) for _ in range(queued)]
    for a in waiting:
        services.decide(application=a, action="waitlist", actor=organiser)
    return accepted, waiting


def test_everyone_on_the_list_sees_their_position(event, organiser):
    _accepted, waiting = _full_event_with_queue(event, organiser, queued=3)

    assert [services.waitlist_position(a) for a in waiting] == [1, 2, 3]


def test_withdrawal_of_a_participant_offers_the_place_to_the_first_waiting(
    event, organiser
):
    accepted, waiting = _full_event_with_queue(event, organiser)
    mail.outbox.clear()

    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    assert _states(waiting[0]) == (S.WAITLISTED, O.OFFERED)
    assert _states(waiting[1]) == (S.WAITLISTED, O.NONE)
    waiting[0].refresh_from_db()
    expected = timezone.now() + timedelta(hours=48)
    assert abs((waiting[0].offer_expires_at - expected).total_seconds()) < 60
    assert services.waitlist_position(waiting[1]) == 1
    assert [m.to for m in mail.outbox] == [[waiting[0].applicant.email]]
    assert _history(waiting[0])[-1] == ("offer", "none", "offered")


def test_an_open_offer_holds_its_place(event, organiser):
    accepted, _waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)
    newcomer = apply(event)

    with pytest.raises(TransitionError) as error:
        services.decide(application=newcomer, action="accept", actor=organiser)
    assert error.value.code == "full"


def test_confirming_an_offer_accepts_the_person(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    services.confirm_offer(application=waiting[0], user=waiting[0].applicant)

    assert _states(waiting[0]) == (S.ACCEPTED, O.CONFIRMED)
    assert [h[0] for h in _history(waiting[0])] == [
        "submit", "waitlist", "offer", "confirm", "take_offer",
    ]  # fmt: skip
    assert _states(waiting[1]) == (S.WAITLISTED, O.NONE)


def test_an_offer_is_not_confirmed_after_its_deadline(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)
    Application.objects.filter(pk=waiting[0].pk).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )

    with pytest.raises(TransitionError) as error:
        services.confirm_offer(application=waiting[0], user=waiting[0].applicant)

    assert error.value.code == "offer_expired"
    assert _states(waiting[0]) == (S.WAITLISTED, O.OFFERED)


def test_someone_else_cannot_confirm_an_offer(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    with pytest.raises(ActionRefused):
        services.confirm_offer(application=waiting[0], user=waiting[1].applicant)


def test_take_offer_without_a_confirmed_offer_is_refused(event, organiser):
    _accepted, waiting = _full_event_with_queue(event, organiser)

    with pytest.raises(TransitionError) as error:
        transition(waiting[0], "take_offer", actor=waiting[0].applicant, field="state")
    assert error.value.code == "no_offer"


def test_declining_offers_the_place_to_the_next(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    services.decline_offer(application=waiting[0], user=waiting[0].applicant)

    assert _states(waiting[0]) == (S.WAITLISTED, O.DECLINED)
    assert _states(waiting[1]) == (S.WAITLISTED, O.OFFERED)


def test_withdrawing_with_an_open_offer_declines_it_and_offers_the_next(
    event, organiser
):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    services.withdraw_application(application=waiting[0], user=waiting[0].applicant)

    assert _states(waiting[0]) == (S.WITHDRAWN, O.DECLINED)
    assert _states(waiting[1]) == (S.WAITLISTED, O.OFFERED)


def test_the_periodic_job_expires_offers_and_offers_the_next(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    assert services.expire_offers() == 0
    later = timezone.now() + timedelta(hours=49)
    assert services.expire_offers(now=later) == 0  # the deadline is in the row
    Application.objects.filter(pk=waiting[0].pk).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.expire_offers() == 1

    assert _states(waiting[0]) == (S.WAITLISTED, O.EXPIRED)
    assert _states(waiting[1]) == (S.WAITLISTED, O.OFFERED)
    assert _history(waiting[0])[-1] == ("expire", "offered", "expired")
    assert waiting[0].history.order_by("-pk").first().actor is None


def test_an_open_offer_is_not_expired_before_its_deadline(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    with pytest.raises(TransitionError) as error:
        transition(waiting[0], "expire", actor=None, field="offer_state")
    assert error.value.code == "offer_open"


def test_nobody_expires_an_offer_by_hand(event, organiser):
    accepted, waiting = _full_event_with_queue(event, organiser)
    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    with pytest.raises(ActionRefused):
        transition(waiting[0], "expire", actor=organiser, field="offer_state")


def test_offer_deadline_is_configurable_per_event(organiser):
    event = make_event(organisers=[organiser], capacity=1, offer_hours=6)
    accepted, waiting = _full_event_with_queue(event, organiser, queued=1)

    services.withdraw_application(application=accepted[0], user=accepted[0].applicant)

    waiting[0].refresh_from_db()
    expected = timezone.now() + timedelta(hours=6)
    assert abs((waiting[0].offer_expires_at - expected).total_seconds()) < 60


def test_open_registration_gives_places_then_the_waiting_list(organiser):
    webinar = make_event(
        kind="webinar", registration_mode="open", capacity=1, organisers=[organiser]
    )

    first, second = apply(webinar), apply(webinar)

    assert _states(first) == (S.ACCEPTED, O.NONE)
    assert _states(second) == (S.WAITLISTED, O.NONE)
    assert services.waitlist_position(second) == 1
    assert [h[0] for h in _history(second)] == ["submit", "waitlist"]
