"""What a course's trainers see of its learners: enrolments by state,
active learners, the completion funnel per lesson and each quiz question's
difficulty, in a fixed number of queries whatever the course's size."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.core.charts import Chart, Series, horizontal_bar_chart

from .enums import EnrolmentState
from .models import Attempt, Course, Enrolment, Lesson, LessonProgress, Question

#: A learner is active who opened a lesson in this many days.
ACTIVE_DAYS = 30
FOLLOWING = (EnrolmentState.ACTIVE, EnrolmentState.COMPLETED)


@dataclass(frozen=True)
class Overview:
    by_state: list[tuple[str, int]]
    following: int
    active: int
    completed: int
    funnel: Chart | None
    difficulty: Chart | None


def overview(course: Course) -> Overview:
    counts = dict(
        course.enrolments.values_list("state").annotate(n=Count("pk")).order_by()
    )
    by_state = [
        (str(label), counts.get(value, 0)) for value, label in EnrolmentState.choices
    ]
    following = sum(counts.get(s, 0) for s in FOLLOWING)
    since = timezone.now() - timedelta(days=ACTIVE_DAYS)
    active = (
        LessonProgress.objects.filter(
            enrolment__course=course,
            enrolment__state__in=FOLLOWING,
            last_viewed_at__gte=since,
        )
        .values("enrolment")
        .distinct()
        .count()
    )
    return Overview(
        by_state=by_state,
        following=following,
        active=active,
        completed=counts.get(EnrolmentState.COMPLETED, 0),
        funnel=_funnel(course, following),
        difficulty=_difficulty(course),
    )


def _funnel(course: Course, following: int) -> Chart | None:
    lessons = list(
        Lesson.objects.filter(module__course=course)
        .annotate(
            done=Count(
                "progress",
                filter=Q(
                    progress__completed_at__isnull=False,
                    progress__enrolment__state__in=FOLLOWING,
                ),
            )
        )
        # In the course's order: a model's Meta.ordering does not apply to a
        # query with an aggregate.
        .order_by("module__position", "module_id", "position", "pk")
    )
    if not lessons or not following:
        return None
    return horizontal_bar_chart(
        title=_("Completion funnel"),
        description=_(
            "How many of the enrolled learners completed each lesson, in the "
            "order of the course."
        ),
        categories=[lesson.title for lesson in lessons],
        series=[
            Series(_("Learners who completed it"), [lesson.done for lesson in lessons])
        ],
        category_label=_("Lesson"),
        maximum=following,
    )


def _difficulty(course: Course) -> Chart | None:
    questions = list(
        Question.objects.filter(lesson__module__course=course).select_related("lesson")
    )
    if not questions:
        return None
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    attempts = Attempt.objects.filter(lesson__module__course=course).only("points")
    for attempt in attempts:
        for key, points in attempt.points.items():
            seen[key] += 1
            right[key] += float(points) == 1
    if not seen:
        return None
    return horizontal_bar_chart(
        title=_("Quiz questions: share answered right"),
        description=_(
            "For each question, the share of all attempts that answered it "
            "right; the lowest are the hardest."
        ),
        categories=[q.prompt[:80] for q in questions],
        series=[
            Series(
                _("Answered right (%)"),
                [
                    round(100 * right[str(q.pk)] / seen[str(q.pk)])
                    if seen[str(q.pk)]
                    else None
                    for q in questions
                ],
            )
        ],
        category_label=_("Question"),
        maximum=100,
        unit="%",
    )


def learners_csv(course: Course) -> str:
    """One row per learner: state, dates, lessons completed, best quiz score."""
    done = dict(
        LessonProgress.objects.filter(
            enrolment__course=course, completed_at__isnull=False
        )
        .values_list("enrolment")
        .annotate(n=Count("pk"))
        .order_by()
    )
    best: dict[int, int] = {}
    for enrolment_id, score in (
        Attempt.objects.filter(enrolment__course=course)
        .values_list("enrolment")
        .annotate(best=Max("score"))
        .order_by()
    ):
        best[enrolment_id] = score
    total = Lesson.objects.filter(module__course=course).count()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Learner"),
            _("State"),
            _("Requested"),
            _("Enrolled"),
            _("Completed"),
            _("Lessons completed"),
            _("Lessons"),
            _("Best quiz score (%)"),
        ]
    )
    enrolments = Enrolment.objects.filter(course=course).select_related("learner")
    for e in enrolments.order_by("created_at", "pk"):
        writer.writerow(
            [
                e.learner.display_name or e.learner.email,
                e.get_state_display(),
                e.created_at.date().isoformat(),
                e.admitted_at.date().isoformat() if e.admitted_at else "",
                e.completed_at.date().isoformat() if e.completed_at else "",
                done.get(e.pk, 0),
                total,
                best.get(e.pk, ""),
            ]
        )
    return out.getvalue()
