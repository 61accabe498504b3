"""The two state fields of an application and their transition tables.

``state`` (the decision)::

    submitted ──accept──▶ accepted ──withdraw──▶ withdrawn
        │  └──waitlist──▶ waitlisted ──accept / take_offer──▶ accepted
        └──reject──▶ rejected      (submitted and waitlisted may be
                                    rejected or withdrawn too)

``offer_state`` (a place offered to someone on the waiting list)::

    none ──offer──▶ offered ──confirm──▶ confirmed
                       ├──decline──▶ declined
                       └──expire──▶ expired (the platform, once the deadline passed)

Places are counted under a lock on the event's row (``select_for_update``),
so two organisers accepting at the same moment never exceed the capacity:
the second waits for the first to commit and then counts again. An open
offer holds its place until it is confirmed, declined or expired.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ecoc_hub.core.workflow import Outcome, Transition, TransitionError, Workflow

from . import permissions
from .enums import ApplicationState, OfferState, Visibility
from .models import Application, ApplicationEvent, Event, EventHistory

S = ApplicationState
O = OfferState  # noqa: E741 - the offer states read as O.OFFERED


def taken_places(event: Event, *, excluding: Application | None = None) -> int:
    """Accepted people plus open offers (an offer holds its place)."""
    taken = event.applications.filter(
        Q(state=S.ACCEPTED) | Q(state=S.WAITLISTED, offer_state=O.OFFERED)
    )
    if excluding is not None:
        taken = taken.exclude(pk=excluding.pk)
    return taken.count()


def lock_event(application: Application) -> Event:
    """Lock the event's row until the transaction ends; every change that
    takes a place goes through here first."""
    return Event.objects.select_for_update().get(pk=application.event_id)


def free_places(application: Application) -> int | None:
    event = lock_event(application)
    if event.capacity is None:
        return None
    return event.capacity - taken_places(event, excluding=application)


def _check_room(application: Application) -> None:
    room = free_places(application)
    if room is not None and room <= 0:
        raise TransitionError(
            gettext_lazy("The event is full: every place is taken or offered."),
            code="full",
        )


def _check_offer_room(application: Application) -> None:
    if application.state != S.WAITLISTED:
        raise TransitionError(
            gettext_lazy("Only a person on the waiting list can be offered a place."),
            code="not_waitlisted",
        )
    _check_room(application)


def _check_not_expired(application: Application) -> None:
    if application.offer_expires_at and application.offer_expires_at <= timezone.now():
        raise TransitionError(
            gettext_lazy("The offer has expired: the place went to the next person."),
            code="offer_expired",
        )


def _check_expired(application: Application) -> None:
    if application.offer_expires_at and application.offer_expires_at > timezone.now():
        raise TransitionError(
            gettext_lazy("The offer has not expired yet."), code="offer_open"
        )


def _check_offer_confirmed(application: Application) -> None:
    if application.offer_state != O.CONFIRMED:
        raise TransitionError(
            gettext_lazy("Confirm the offered place first."), code="no_offer"
        )


def _decided(application: Application, comment: str) -> list[str]:
    application.decided_at = timezone.now()
    application.draft_decision = ""
    return ["decided_at", "draft_decision"]


def _waitlisted(application: Application, comment: str) -> list[str]:
    application.waitlisted_at = timezone.now()
    return [*_decided(application, comment), "waitlisted_at"]


def _offered(application: Application, comment: str) -> list[str]:
    event = Event.objects.only("offer_hours").get(pk=application.event_id)
    application.offer_expires_at = timezone.now() + timedelta(hours=event.offer_hours)
    return ["offer_expires_at"]


def _after_withdraw(outcome: Outcome) -> None:
    from .services import offer_free_places

    if outcome.from_state == S.ACCEPTED:
        offer_free_places(event=outcome.obj.event)


def _after_offer_closed(outcome: Outcome) -> None:
    from .services import offer_free_places

    offer_free_places(event=outcome.obj.event)


def _after_offer(outcome: Outcome) -> None:
    from .notifications import send_offer

    send_offer(outcome.obj)


def _nobody(user: Any, application: Application) -> bool:
    return False


APPLICATION = Workflow(
    model=Application,
    field="state",
    history=ApplicationEvent,
    history_object="application",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This is not possible while the application is “%(state)s”."
    ),
    transitions=[
        Transition(
            "accept",
            sources={S.SUBMITTED, S.WAITLISTED},
            target=S.ACCEPTED,
            allowed=permissions.can_decide,
            check=_check_room,
            apply=_decided,
        ),
        Transition(
            "waitlist",
            sources={S.SUBMITTED},
            target=S.WAITLISTED,
            allowed=permissions.can_decide,
            apply=_waitlisted,
        ),
        Transition(
            "reject",
            sources={S.SUBMITTED, S.WAITLISTED},
            target=S.REJECTED,
            allowed=permissions.can_decide,
            apply=_decided,
        ),
        Transition(
            "withdraw",
            sources={S.SUBMITTED, S.ACCEPTED, S.WAITLISTED},
            target=S.WITHDRAWN,
            allowed=permissions.can_withdraw,
            after=_after_withdraw,
        ),
        # The second half of confirming an offer: the place was held for them.
        Transition(
            "take_offer",
            sources={S.WAITLISTED},
            target=S.ACCEPTED,
            allowed=permissions.can_answer_offer,
            check=_check_offer_confirmed,
            apply=_decided,
        ),
    ],
)

OFFER = Workflow(
    model=Application,
    field="offer_state",
    history=ApplicationEvent,
    history_object="application",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This is not possible while the offer is “%(state)s”."
    ),
    transitions=[
        Transition(
            "offer",
            sources={O.NONE},
            target=O.OFFERED,
            allowed=permissions.can_decide,
            check=_check_offer_room,
            apply=_offered,
            after=_after_offer,
        ),
        Transition(
            "confirm",
            sources={O.OFFERED},
            target=O.CONFIRMED,
            allowed=permissions.can_answer_offer,
            check=_check_not_expired,
        ),
        Transition(
            "decline",
            sources={O.OFFERED},
            target=O.DECLINED,
            allowed=permissions.can_answer_offer,
            after=_after_offer_closed,
        ),
        Transition(
            "expire",
            sources={O.OFFERED},
            target=O.EXPIRED,
            allowed=_nobody,
            check=_check_expired,
            after=_after_offer_closed,
        ),
    ],
)


def _reindex(outcome: Outcome) -> None:
    from .search_index import index_event

    index_event(outcome.obj)


#: An event's visibility: draft ──publish──▶ published ──archive──▶ archived,
#: and back (``unpublish`` hides it again; ``publish`` brings back an archive).
VISIBILITY = Workflow(
    model=Event,
    field="visibility",
    history=EventHistory,
    history_object="event",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This is not possible while the event is “%(state)s”."
    ),
    transitions=[
        Transition(
            "publish",
            sources={Visibility.DRAFT, Visibility.ARCHIVED},
            target=Visibility.PUBLISHED,
            allowed=permissions.can_manage_event,
            after=_reindex,
        ),
        Transition(
            "archive",
            sources={Visibility.PUBLISHED},
            target=Visibility.ARCHIVED,
            allowed=permissions.can_manage_event,
            after=_reindex,
        ),
        Transition(
            "unpublish",
            sources={Visibility.PUBLISHED, Visibility.ARCHIVED},
            target=Visibility.DRAFT,
            allowed=permissions.can_manage_event,
            after=_reindex,
        ),
    ],
)
