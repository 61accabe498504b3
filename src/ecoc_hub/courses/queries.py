"""Reads used in several places, with the SQL twin of ``can_see_course``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ecoc_hub.accounts.permissions import is_curator, is_member

from .enums import CourseState, EnrolmentState
from .models import Course, Enrolment, Lesson, Module


def visible_courses(user: Any) -> QuerySet[Course]:
    """Courses the person may know about: published and archived ones, plus
    the drafts of the courses they teach (every draft for curators)."""
    courses = Course.objects.all()
    if is_curator(user):
        return courses
    public = ~Q(state=CourseState.DRAFT)
    if is_member(user):
        return courses.filter(public | Q(trainers=user)).distinct()
    return courses.filter(public)


def course_cards(user: Any) -> QuerySet[Course]:
    return visible_courses(user).prefetch_related("capacity_areas")


def outline(course: Course) -> list[Module]:
    """The course's modules with their lessons, in order, in two queries."""
    return list(
        course.modules.prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.order_by("position", "pk"))
        )
    )


def enrolment_of(user: Any, course: Course) -> Enrolment | None:
    if not is_member(user):
        return None
    return Enrolment.objects.filter(course=course, learner=user).first()


def completed_lesson_ids(enrolment: Enrolment | None) -> set[int]:
    if enrolment is None:
        return set()
    return set(
        enrolment.progress.filter(completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    lessons: list[Lesson]
    done: set[int]
    # Cohorts: the day it opens and is due (None: none); ``locked`` for a
    # learner before it opens (a trainer always sees it open).
    opens: date | None = None
    due: date | None = None
    locked: bool = False
    today: date | None = None

    @property
    def completed(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def opens_later(self) -> bool:
        return (
            self.opens is not None
            and self.today is not None
            and self.opens > self.today
        )

    @property
    def overdue(self) -> bool:
        """Past its due day and not every lesson done (a mark, no penalty)."""
        return (
            self.due is not None
            and self.today is not None
            and self.due < self.today
            and self.completed < self.total
        )


@dataclass(frozen=True)
class CourseProgress:
    modules: list[ModuleProgress]
    done: set[int]

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for m in self.modules for lesson in m.lessons]

    @property
    def locked(self) -> set[int]:
        """The lessons of the modules not open yet to this reader."""
        return {lesson.pk for m in self.modules if m.locked for lesson in m.lessons}

    @property
    def completed(self) -> int:
        return sum(m.completed for m in self.modules)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    def next_lesson(self, last: Lesson | None) -> Lesson | None:
        """Where to continue: the first lesson not done after the one
        opened last, else the first not done, else the first."""
        locked = self.locked
        lessons = [lesson for lesson in self.lessons if lesson.pk not in locked]
        if not lessons:
            return None
        start = 0
        if last is not None:
            start = next((i for i, x in enumerate(lessons) if x.pk == last.pk), 0)
        for lesson in lessons[start:] + lessons[:start]:
            if lesson.pk not in self.done:
                return lesson
        return lessons[0]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        lessons = self.lessons
        index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
        before = lessons[index - 1] if index > 0 else None
        after = lessons[index + 1] if index + 1 < len(lessons) else None
        return before, after


def progress(
    course: Course, enrolment: Enrolment | None, *, editor: bool = False
) -> CourseProgress:
    """The outline with the learner's progress; for a cohort, each module's
    opening and due days, locked until it opens unless ``editor``."""
    done = completed_lesson_ids(enrolment)
    today = timezone.localdate()
    modules = []
    for m in outline(course):
        opens = m.opens_for(course)
        modules.append(
            ModuleProgress(
                module=m,
                lessons=list(m.lessons.all()),
                done=done,
                opens=opens,
                due=m.due_for(course),
                locked=not editor and opens is not None and opens > today,
                today=today,
            )
        )
    return CourseProgress(modules=modules, done=done)


def my_enrolments(user: Any) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(learner=user)
        .exclude(course__state=CourseState.DRAFT)
        .select_related("course", "last_lesson")
    )


def completed_course_ids(user: Any, courses: Iterable[Course]) -> set[int]:
    """Which of ``courses`` the person has completed (none when signed out)."""
    courses = list(courses)
    if not courses or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Enrolment.objects.filter(
            learner=user, state=EnrolmentState.COMPLETED, course__in=courses
        ).values_list("course_id", flat=True)
    )
