"""The courses' indicators for the programme dashboard (``core.metrics``).

Every figure here counts learners, so counts go through ``metrics.suppress``
and rates and means through ``metrics.rate`` or the same threshold (not
shown over fewer than 5 learners or attempts).

A learner is placed by the city teams they belong to: a country or title
city filter keeps the learners who are members of a team of that title
city (or of a title city in that country); a learner in two such teams
counts once, a learner in teams of two title cities counts in each, and a
learner without a team (or only in a candidate team) counts only in the
unfiltered figures. Teams are the only place the site knows for a person
(as for the experts' support requests, placed by the team's title city).
"""

from __future__ import annotations

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Membership
from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .enums import EnrolmentState
from .models import Attempt, Course, Enrolment

#: Enrolments that gave a place in the course (a completed one had one).
ADMITTED = [EnrolmentState.ACTIVE, EnrolmentState.COMPLETED, EnrolmentState.WITHDRAWN]


def _placed(filters: Filters, learner: str) -> Q:
    """Rows whose learner (the path ``learner`` to the user's id) is a
    member of a team of the title city or country filtered on."""
    teams = Membership.objects.filter(user_id=OuterRef(learner))
    if filters.title_id:
        teams = teams.filter(organisation__title_id=filters.title_id)
    elif filters.country:
        teams = teams.filter(
            organisation__title__city__country_code=filters.country.upper()
        )
    else:
        return Q()
    return Q(Exists(teams))


def _enrolments(filters: Filters) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(_placed(filters, "learner_id"))


def _attempts(filters: Filters) -> QuerySet[Attempt]:
    return Attempt.objects.filter(_placed(filters, "enrolment__learner_id"))


def enrolments(filters: Filters) -> metrics.Figure:
    """Learners given a place, by the month they were enrolled, and learners
    who completed a course, by the month they completed it."""
    admitted = metrics.per_bucket(
        _enrolments(filters).filter(state__in=ADMITTED), "admitted_at", filters
    )["count"]
    completed = metrics.per_bucket(
        _enrolments(filters).filter(state=EnrolmentState.COMPLETED),
        "completed_at",
        filters,
    )["count"]
    return metrics.over_time(
        filters,
        [
            (_("Enrolled"), [metrics.suppress(n) for n in admitted]),
            (_("Completed"), [metrics.suppress(n) for n in completed]),
        ],
        suppressed=True,
    )


def completion(filters: Filters) -> metrics.Figure:
    """For each course, the learners enrolled in the period who have
    completed it, in percent; courses with no enrolment are left out."""
    rows = (
        _enrolments(filters)
        .filter(state__in=ADMITTED, **filters.between("admitted_at"))
        .values("course_id")
        .annotate(
            count=Count("pk"),
            completed=Count("pk", filter=Q(state=EnrolmentState.COMPLETED)),
        )
        .order_by()
    )
    counts = {row["course_id"]: row for row in rows}
    courses = Course.objects.filter(pk__in=list(counts)).order_by("title", "pk")
    return metrics.breakdown(
        _g("Course"),
        [
            (
                course.title,
                metrics.rate(
                    counts[course.pk]["completed"], counts[course.pk]["count"]
                ),
            )
            for course in courses
        ],
        series_label=_g("Completed, in percent of learners enrolled"),
        decimals=1,
        unit="%",
        maximum=100,
        suppressed=True,
    )


def quiz_results(filters: Filters) -> metrics.Figure:
    """Submitted quiz attempts by month: the share that passed and the mean
    score of an attempt."""
    counts = metrics.per_bucket(
        _attempts(filters),
        "submitted_at",
        filters,
        count=Count("pk"),
        passed=Count("pk", filter=Q(passed=True)),
        mean=Avg("score"),
    )
    means = [
        round(float(mean), 1) if count >= metrics.MIN_COUNT else None
        for mean, count in zip(counts["mean"], counts["count"], strict=True)
    ]
    return metrics.over_time(
        filters,
        [
            (
                _("Passed, in percent of attempts"),
                [
                    metrics.rate(p, n)
                    for p, n in zip(counts["passed"], counts["count"], strict=True)
                ],
            ),
            (_("Mean score of an attempt, in percent"), means),
        ],
        decimals=1,
        unit="%",
        maximum=100,
        suppressed=True,
        kind="bar",
    )


def register() -> None:
    metrics.register(
        "courses",
        heading=_("Courses"),
        indicators=[
            metrics.Indicator(
                key="courses.enrolments",
                title=_("Enrolments and completions"),
                description=_(
                    "Learners given a place in a course, by the month they were "
                    "enrolled, and learners who completed one, by the month they "
                    "completed it; filtered by the title city of the learner's "
                    "city team."
                ),
                compute=enrolments,
                sources=[Enrolment, Membership],
            ),
            metrics.Indicator(
                key="courses.completion",
                title=_("Completion rate by course"),
                description=_(
                    "Of the learners enrolled in the period, those who have "
                    "completed the course, in percent; not shown for fewer than "
                    "five learners."
                ),
                compute=completion,
                sources=[Enrolment, Course, Membership],
            ),
            metrics.Indicator(
                key="courses.quiz_results",
                title=_("Quiz results"),
                description=_(
                    "Quiz attempts submitted each month: the share that passed "
                    "and the mean score of an attempt; not shown for fewer than "
                    "five attempts."
                ),
                compute=quiz_results,
                sources=[Attempt, Membership],
            ),
        ],
    )
