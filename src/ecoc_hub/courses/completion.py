"""The completion rule and the certificate of completion.

A learner completes a course when every required lesson is complete: a
text lesson once opened, a quiz once an attempt passed. The enrolment then
moves to ``completed`` (the platform's transition, with history) and a
certificate of completion is issued through the site's certificate service
(``certificates``), in the learner's language. A learner without a name to
print gets the certificate later, from the course page, once they add one.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from ecoc_hub.certificates.models import Certificate, Status
from ecoc_hub.certificates.services import (
    Achievement,
    CertificateError,
    issue_certificate,
)
from ecoc_hub.core.workflow import transition

from .enums import EnrolmentState
from .models import Course, Enrolment, Lesson, LessonProgress


def missing_lessons(enrolment: Enrolment) -> list[Lesson]:
    done = LessonProgress.objects.filter(
        enrolment=enrolment, completed_at__isnull=False
    ).values("lesson_id")
    return list(
        Lesson.objects.filter(module__course_id=enrolment.course_id, is_required=True)
        .exclude(pk__in=done)
        .select_related("module")
    )


def achievement_for(course: Course, language: str) -> Achievement:
    with translation.override(language):
        return Achievement(
            title=gettext("Certificate of completion: %(course)s")
            % {"course": course.title},
            description=course.summary,
            criteria=gettext(
                "Completed every required lesson of the course and passed its quizzes."
            ),
        )


def certificate_for(course: Course, user: Any) -> Certificate | None:
    return Certificate.objects.filter(
        source_type=ContentType.objects.get_for_model(Course),
        source_id=str(course.pk),
        recipient=user,
        status=Status.VALID,
    ).first()


def issue_completion_certificate(enrolment: Enrolment) -> Certificate | None:
    """The certificate, unless one is held already or no name can be printed."""
    course, learner = enrolment.course, enrolment.learner
    held = certificate_for(course, learner)
    if held is not None:
        return held
    language = learner.preferred_language or translation.get_language() or "en"
    try:
        with transaction.atomic():
            return issue_certificate(
                recipient=learner,
                achievement=achievement_for(course, language),
                source=course,
                issued_by=None,
                language=language,
            )
    except CertificateError as error:
        if error.code in {"name_missing", "already_issued"}:
            return certificate_for(course, learner)
        raise


@transaction.atomic
def check_completion(enrolment: Enrolment) -> bool:
    """Complete the enrolment if the rule holds; True if it is complete."""
    if enrolment.state == EnrolmentState.COMPLETED:
        return True
    if enrolment.state != EnrolmentState.ACTIVE or missing_lessons(enrolment):
        return False
    transition(enrolment, "complete", actor=None)
    issue_completion_certificate(enrolment)
    return True
