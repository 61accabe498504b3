"""Who belongs to an event's or a course's space, read from those apps.

- an event's space: its accepted participants (``events``' application in
  the accepted state), its organisers, the speakers of its sessions who
  have an account (its trainers), and the curators;
- a course's space: its learners whose enrolment is active or completed,
  its trainers, and the curators.

To anyone else such a space does not exist (404). Each rule has its Python
form (``may_enter``) and its SQL form (``entered_event_ids``,
``entered_course_ids``), used by ``queries`` and the search's grants.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ecoc_hub.accounts.permissions import is_curator, is_member
from ecoc_hub.courses.enums import EnrolmentState
from ecoc_hub.courses.models import Course, Enrolment
from ecoc_hub.events.enums import ApplicationState
from ecoc_hub.events.models import Application, Event, Speaker

from .enums import SpaceKind

#: The enrolments whose learners are in the course's space.
LEARNER_STATES = [EnrolmentState.ACTIVE, EnrolmentState.COMPLETED]


def entered_event_ids(user: Any) -> QuerySet[Event, Any]:
    """The events whose space this (signed-in, not curator) person enters."""
    accepted = Application.objects.filter(
        applicant_id=user.pk, state=ApplicationState.ACCEPTED
    ).values("event_id")
    organised = Event.objects.filter(organisers=user).values("pk")
    speaking = Speaker.objects.filter(user_id=user.pk).values("sessions__event_id")
    return Event.objects.filter(
        Q(pk__in=accepted) | Q(pk__in=organised) | Q(pk__in=speaking)
    ).values("pk")


def entered_course_ids(user: Any) -> QuerySet[Course, Any]:
    learning = Enrolment.objects.filter(
        learner_id=user.pk, state__in=LEARNER_STATES
    ).values("course_id")
    trained = Course.objects.filter(trainers=user).values("pk")
    return Course.objects.filter(Q(pk__in=learning) | Q(pk__in=trained)).values("pk")


def _ids(user: Any, name: str, rows: Any) -> set[int]:
    cache = getattr(user, name, None)
    if cache is None:
        cache = {row["pk"] for row in rows}
        setattr(user, name, cache)
    return cache


def may_enter_event(user: Any, event: Event | int) -> bool:
    if is_curator(user):
        return True
    if not is_member(user):
        return False
    pk = event if isinstance(event, int) else event.pk
    return pk in _ids(user, "_community_event_ids", entered_event_ids(user))


def may_enter_course(user: Any, course: Course | int) -> bool:
    if is_curator(user):
        return True
    if not is_member(user):
        return False
    pk = course if isinstance(course, int) else course.pk
    return pk in _ids(user, "_community_course_ids", entered_course_ids(user))


def may_enter(user: Any, space: Any) -> bool:
    """May this person read and write in this event's or course's space?"""
    if space.kind == SpaceKind.EVENT:
        return may_enter_event(user, space.event_id)
    if space.kind == SpaceKind.COURSE:
        return may_enter_course(user, space.course_id)
    return False
