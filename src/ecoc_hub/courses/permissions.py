"""Who may see, edit, teach and follow a course.

Curators create courses and name their trainers; a course's trainers edit
it, preview it as a learner and admit learners. A draft is a 404 to
everyone else. Lessons are open to learners whose enrolment is active (and,
for a cohort, once the cohort has started) and to the course's trainers.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member

from .enums import CourseState, EnrolmentPolicy, EnrolmentState
from .models import Course, Enrolment, Lesson, Module, Review, Submission


def _trained_ids(user: Any) -> set[int]:
    cache = getattr(user, "_trained_course_ids", None)
    if cache is None:
        cache = set(user.trained_courses.values_list("pk", flat=True))
        user._trained_course_ids = cache
    return cache


def is_trainer(user: Any, course: Course) -> bool:
    return is_member(user) and course.pk in _trained_ids(user)


def can_create_course(user: Any) -> bool:
    return is_curator(user)


def can_edit_course(user: Any, course: Course) -> bool:
    return is_curator(user) or is_trainer(user, course)


def can_import_course(user: Any) -> bool:
    """Curators, and anyone who teaches a course, may import one (issue 14)."""
    return is_curator(user) or (is_member(user) and bool(_trained_ids(user)))


def can_name_trainers(user: Any, course: Course) -> bool:
    return is_curator(user)


def can_see_course(user: Any, course: Course) -> bool:
    return course.state != CourseState.DRAFT or can_edit_course(user, course)


def can_see_module(user: Any, module: Module) -> bool:
    return can_see_course(user, module.course)


def can_edit_module(user: Any, module: Module) -> bool:
    return can_edit_course(user, module.course)


def can_see_lesson(user: Any, lesson: Lesson) -> bool:
    return can_see_course(user, lesson.module.course)


def can_edit_lesson(user: Any, lesson: Lesson) -> bool:
    return can_edit_course(user, lesson.module.course)


def in_a_team(user: Any) -> bool:
    cache = getattr(user, "_course_in_team", None)
    if cache is None:
        cache = user.memberships.exists()
        user._course_in_team = cache
    return cache


def may_enrol(user: Any, course: Course) -> bool:
    """May ask to enrol now: a published course whose cohort has not ended,
    open to the person under its policy (approval: anyone may ask)."""
    if not is_member(user) or course.state != CourseState.PUBLISHED:
        return False
    if course.has_ended():
        return False
    if course.enrolment_policy == EnrolmentPolicy.TEAMS:
        return in_a_team(user)
    return True


def is_learner(user: Any, enrolment: Enrolment) -> bool:
    return is_member(user) and enrolment.learner_id == user.pk


def can_see_enrolment(user: Any, enrolment: Enrolment) -> bool:
    return is_learner(user, enrolment) or can_edit_course(user, enrolment.course)


def can_admit(user: Any, enrolment: Enrolment) -> bool:
    """A trainer admits anyone; a learner admits themselves unless the course
    is by approval."""
    if can_edit_course(user, enrolment.course):
        return True
    return (
        is_learner(user, enrolment)
        and enrolment.course.enrolment_policy != EnrolmentPolicy.APPROVAL
        and may_enrol(user, enrolment.course)
    )


def can_decide_enrolment(user: Any, enrolment: Enrolment) -> bool:
    return can_edit_course(user, enrolment.course)


def can_withdraw(user: Any, enrolment: Enrolment) -> bool:
    return is_learner(user, enrolment)


def can_rejoin(user: Any, enrolment: Enrolment) -> bool:
    return is_learner(user, enrolment) and may_enrol(user, enrolment.course)


def can_follow(user: Any, course: Course, enrolment: Enrolment | None) -> bool:
    """May open the lessons as a learner (progress is recorded)."""
    return (
        enrolment is not None
        and is_learner(user, enrolment)
        and enrolment.state in {EnrolmentState.ACTIVE, EnrolmentState.COMPLETED}
        and course.state != CourseState.DRAFT
        and course.has_started()
    )


def can_open_lesson(user: Any, lesson: Lesson, enrolment: Enrolment | None) -> bool:
    """Trainers always; learners who follow the course, once the lesson's
    module is open (a cohort's modules may open on later days)."""
    course = lesson.module.course
    if can_edit_course(user, course):
        return True
    return can_follow(user, course, enrolment) and not lesson.module.is_locked(course)


# --- Assignments (issue 14) ---------------------------------------------------


def is_author(user: Any, submission: Submission) -> bool:
    return is_learner(user, submission.enrolment)


def is_allocated_peer(user: Any, submission: Submission) -> bool:
    return (
        is_member(user)
        and submission.reviews.filter(reviewer=user, role="peer").exists()
    )


def can_see_submission(user: Any, submission: Submission) -> bool:
    """Its author, the course's trainers (and curators), and the peers it
    was given to; never other learners, never the public."""
    return (
        is_author(user, submission)
        or can_edit_course(user, submission.lesson.module.course)
        or is_allocated_peer(user, submission)
    )


def can_review_as_trainer(user: Any, submission: Submission) -> bool:
    return can_edit_course(user, submission.lesson.module.course)


def can_see_review(user: Any, review: Review) -> bool:
    return is_member(user) and review.reviewer_id == user.pk


def can_do_review(user: Any, review: Review) -> bool:
    return can_see_review(user, review) and review.role == "peer"
