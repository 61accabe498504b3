"""Reads used in several places, with the SQL twin of ``can_see_event``."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ecoc_hub.accounts.permissions import is_curator, is_member

from .enums import ApplicationState, Visibility
from .models import Event, Session, Speaker


def visible_events(user: Any) -> QuerySet[Event]:
    """Events the person may know about: published and archived ones, plus
    the drafts of the events they organise (every draft for curators)."""
    events = Event.objects.all()
    if is_curator(user):
        return events
    public = ~Q(visibility=Visibility.DRAFT)
    if is_member(user):
        return events.filter(public | Q(organisers=user)).distinct()
    return events.filter(public)


def event_cards(user: Any) -> QuerySet[Event]:
    return (
        visible_events(user)
        .select_related("host_title__city")
        .prefetch_related("capacity_areas")
    )


def programme(event: Event) -> QuerySet[Session]:
    return event.sessions.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.filter(is_public=True)),
        "materials",
    )


def accepted_sessions(user: Any) -> QuerySet[Session]:
    """Every session of the events the person is accepted to (their feed)."""
    return (
        Session.objects.filter(
            event__applications__applicant=user,
            event__applications__state=ApplicationState.ACCEPTED,
        )
        .exclude(event__visibility=Visibility.DRAFT)
        # The few events in one query, not each event's columns read (and
        # their dates converted) once per session.
        .prefetch_related("event")
        .distinct()
    )
