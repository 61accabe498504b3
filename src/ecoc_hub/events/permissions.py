"""Who may see events, run them, apply and act on applications.

An event's organisers (its ``organisers``) run that event and no other;
curators run every event. Drafts are a 404 to everyone else.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member
from ecoc_hub.core.roles import has_organiser_role

from .enums import ApplicationState, RegistrationMode, Visibility
from .models import Application, CalendarFeed, Event, Session


def is_organiser(user: Any, event: Event) -> bool:
    if not is_member(user):
        return False
    cache = getattr(user, "_organised_event_ids", None)  # reset by set_organisers
    if cache is None:
        cache = set(user.organised_events.values_list("pk", flat=True))
        user._organised_event_ids = cache
    return event.pk in cache


def can_manage_event(user: Any, event: Event) -> bool:
    return is_curator(user) or is_organiser(user, event)


def can_create_event(user: Any) -> bool:
    """Curators, admins and people with the organiser role; whoever creates
    an event becomes its first organiser."""
    return is_curator(user) or has_organiser_role(user)


def can_see_event(user: Any, event: Event) -> bool:
    return event.visibility != Visibility.DRAFT or can_manage_event(user, event)


def can_see_session(user: Any, session: Session) -> bool:
    return can_see_event(user, session.event)


def can_apply(user: Any, event: Event) -> bool:
    """Signed in, and the event takes applications or registrations now."""
    return is_member(user) and event.applications_open()


def is_selection(event: Event) -> bool:
    return event.registration_mode == RegistrationMode.SELECTION


def is_applicant(user: Any, application: Application) -> bool:
    return is_member(user) and application.applicant_id == user.pk


def can_see_application(user: Any, application: Application) -> bool:
    return is_applicant(user, application) or can_manage_event(user, application.event)


def can_decide(user: Any, application: Application) -> bool:
    return can_manage_event(user, application.event)


def can_withdraw(user: Any, application: Application) -> bool:
    return is_applicant(user, application)


def can_answer_offer(user: Any, application: Application) -> bool:
    return is_applicant(user, application)


def is_participant(user: Any, event: Event) -> bool:
    """Accepted to the event: sees its online links."""
    if not is_member(user):
        return False
    return event.applications.filter(
        applicant=user, state=ApplicationState.ACCEPTED
    ).exists()


def can_see_online_link(user: Any, event: Event) -> bool:
    return can_manage_event(user, event) or is_participant(user, event)


def can_fill_follow_up(user: Any, application: Application) -> bool:
    """The accepted participant, until the follow-up deadline."""
    from django.utils import timezone

    deadline = application.event.follow_up_deadline
    return (
        is_applicant(user, application)
        and application.state == ApplicationState.ACCEPTED
        and deadline is not None
        and timezone.now() < deadline
    )


def can_read_calendar_feed(user: Any, feed: CalendarFeed) -> bool:
    """The secret address is the credential (calendar apps cannot sign in),
    so whoever asks may read it while its owner's account is active."""
    return feed.user.is_active
