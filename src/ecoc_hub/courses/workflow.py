"""The two state fields of the app and their transition tables.

A course::

    draft ──publish (a trainer, at least one lesson)──▶ published
    published ──archive──▶ archived ──restore──▶ published
    published ──unpublish──▶ draft

An enrolment::

    requested ──admit──▶ active        (the learner on an open course, or a trainer)
        └──decline (a trainer, with a reason)──▶ declined
    requested, active ──withdraw (the learner)──▶ withdrawn ──rejoin──▶ requested
    active ──complete (the platform, by the completion rule)──▶ completed
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import Outcome, Transition, TransitionError, Workflow

from . import permissions
from .enums import CourseState, EnrolmentState, LessonKind
from .models import Course, CourseEvent, Enrolment, EnrolmentEvent, Lesson
from .search_index import index_course
from .versions import first_version, latest

C = CourseState
E = EnrolmentState


def _check_has_lessons(course: Course) -> None:
    lessons = Lesson.objects.filter(module__course=course)
    if not lessons.exists():
        raise TransitionError(
            _("Add at least one lesson before publishing the course."),
            code="no_lessons",
        )
    empty = lessons.filter(kind=LessonKind.QUIZ, questions__isnull=True).first()
    if empty is not None:
        raise TransitionError(
            _("The quiz “%(title)s” has no questions yet.") % {"title": empty.title},
            code="empty_quiz",
        )
    no_rubric = lessons.filter(
        kind=LessonKind.ASSIGNMENT, criteria__isnull=True
    ).first()
    if no_rubric is not None:
        raise TransitionError(
            _("The assignment “%(title)s” has no rubric yet.")
            % {"title": no_rubric.title},
            code="no_rubric",
        )
    unset = lessons.filter(kind=LessonKind.RESOURCE, resource__isnull=True).first()
    if unset is not None:
        raise TransitionError(
            _("The lesson “%(title)s” has no library resource to show.")
            % {"title": unset.title},
            code="no_resource",
        )


def _published(course: Course, comment: str) -> list[str]:
    if course.published_at is None:
        course.published_at = timezone.now()
    return ["published_at"]


def _index(outcome: Outcome) -> None:
    index_course(outcome.obj)


def _published_first(outcome: Outcome) -> None:
    """Indexed, and version 1 the first time (``versions.py``)."""
    _index(outcome)
    first_version(outcome.obj, outcome.actor)


COURSE = Workflow(
    model=Course,
    field="state",
    history=CourseEvent,
    history_object="course",
    transitions=[
        Transition(
            "publish",
            sources={C.DRAFT},
            target=C.PUBLISHED,
            allowed=permissions.can_edit_course,
            after=_published_first,
            check=_check_has_lessons,
            apply=_published,
        ),
        Transition(
            "unpublish",
            sources={C.PUBLISHED},
            target=C.DRAFT,
            allowed=permissions.can_edit_course,
            after=_index,
        ),
        Transition(
            "archive",
            sources={C.PUBLISHED},
            target=C.ARCHIVED,
            allowed=permissions.can_edit_course,
            after=_index,
        ),
        Transition(
            "restore",
            sources={C.ARCHIVED},
            target=C.PUBLISHED,
            allowed=permissions.can_edit_course,
            after=_index,
        ),
    ],
)


def _admitted(enrolment: Enrolment, comment: str) -> list[str]:
    """With the version the learner enrolled in (issue 14, versions)."""
    enrolment.admitted_at = timezone.now()
    enrolment.version = latest(enrolment.course)
    return ["admitted_at", "version"]


def _completed(enrolment: Enrolment, comment: str) -> list[str]:
    """With the version the learner completed (the completion record)."""
    enrolment.completed_at = timezone.now()
    enrolment.completed_version = latest(enrolment.course)
    return ["completed_at", "completed_version"]


def _nobody(user: object, enrolment: Enrolment) -> bool:
    """Only the platform completes an enrolment (``completion.py``)."""
    return False


ENROLMENT = Workflow(
    model=Enrolment,
    field="state",
    history=EnrolmentEvent,
    history_object="enrolment",
    transitions=[
        Transition(
            "admit",
            sources={E.REQUESTED},
            target=E.ACTIVE,
            allowed=permissions.can_admit,
            apply=_admitted,
        ),
        Transition(
            "decline",
            sources={E.REQUESTED},
            target=E.DECLINED,
            allowed=permissions.can_decide_enrolment,
            comment_required=True,
            comment_message=_("Say why, for the learner."),
        ),
        Transition(
            "withdraw",
            sources={E.REQUESTED, E.ACTIVE},
            target=E.WITHDRAWN,
            allowed=permissions.can_withdraw,
        ),
        Transition(
            "complete",
            sources={E.ACTIVE},
            target=E.COMPLETED,
            allowed=_nobody,
            apply=_completed,
        ),
        Transition(
            "rejoin",
            sources={E.WITHDRAWN},
            target=E.REQUESTED,
            allowed=permissions.can_rejoin,
        ),
    ],
)
