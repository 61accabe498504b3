"""The demo's past learners (the dashboard's enrolments, completion rate
and quiz results): sixty fictional learners, eight to eleven of them
enrolling in one of the published courses each month over the last
fourteen months (enough to be shown: the dashboard hides counts of fewer
than five people), most of whom completed it, with their quiz attempts;
made in bulk, once (the first learner's account is the marker). They
belong to no city team, so they count only in the dashboard's unfiltered
figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.core import demo_history, metrics

from .enums import CourseState, EnrolmentState, LessonKind
from .models import Attempt, Course, Enrolment, Lesson

LEARNERS = 60
FIRST = ["Aino", "Bram", "Chiara", "Dara", "Emil", "Fenna", "Goran", "Hana", "Ines"]
LAST = ["Berg", "Costa", "Dubois", "Esposito", "Fischer", "Horvat", "Jansen"]


def _email(n: int) -> str:
    return f"demo-learner-{n + 1:02d}@example.org"


def _learners() -> list[User]:
    people = [
        User(
            email=_email(n),
            display_name=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} (demo)",
            preferred_language=["en", "fr", "de"][n % 3],
            password=make_password(None),
        )
        for n in range(LEARNERS)
    ]
    User.objects.bulk_create(people)
    made = list(User.objects.filter(email__in=[p.email for p in people]))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in made
    )
    return sorted(made, key=lambda u: u.email)


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    if User.objects.filter(email=_email(0)).exists():
        stdout.write(_("Course history: already loaded."))
        return 0
    courses = list(Course.objects.filter(state=CourseState.PUBLISHED).order_by("slug"))
    if not courses:
        stdout.write(_("Course history: no published course."))
        return 0
    learners = _learners()
    today = timezone.now()
    rng = demo_history.generator("courses")
    free = [(course, learner) for course in courses for learner in learners]
    rng.shuffle(free)
    enrolments: list[Enrolment] = []
    # Enough each month for the dashboard to show it (5 people or more).
    for month in demo_history.months():
        for _n in range(rng.randint(8, 11)):
            if not free:
                break
            course, learner = free.pop()
            admitted = demo_history.moment(
                month + timedelta(days=rng.randint(0, 25)), rng
            )
            if admitted >= today:
                continue
            completed = admitted + timedelta(days=rng.randint(5, 40))
            done = completed < today and rng.random() < 0.75
            enrolments.append(
                Enrolment(
                    course=course,
                    learner=learner,
                    state=EnrolmentState.COMPLETED if done else EnrolmentState.ACTIVE,
                    created_at=admitted,
                    admitted_at=admitted,
                    completed_at=completed if done else None,
                )
            )
    Enrolment.objects.bulk_create(enrolments)
    quizzes: dict[int, list[Lesson]] = {}
    for lesson in Lesson.objects.filter(
        kind=LessonKind.QUIZ, module__course__in=courses
    ).select_related("module"):
        quizzes.setdefault(lesson.module.course_id, []).append(lesson)
    attempts: list[Attempt] = []
    for enrolment in Enrolment.objects.filter(learner__in=learners).order_by("pk"):
        rng = demo_history.generator(f"courses:attempts:{enrolment.pk}")
        start = enrolment.admitted_at
        if start is None:
            continue
        for lesson in quizzes.get(enrolment.course_id, []):
            when = start
            for number in (1, 2):
                when = when + timedelta(days=rng.randint(1, 20))
                if when >= today:
                    break
                score = rng.randint(30, 100)
                passed = score >= lesson.pass_mark
                attempts.append(
                    Attempt(
                        enrolment=enrolment,
                        lesson=lesson,
                        number=number,
                        score=score,
                        passed=passed,
                        submitted_at=when,
                    )
                )
                if passed:
                    break
    Attempt.objects.bulk_create(attempts)
    metrics.changed("courses")
    stdout.write(
        _(
            "Course history: %(learners)d learners, %(enrolments)d enrolments "
            "and %(attempts)d quiz attempts."
        )
        % {
            "learners": len(learners),
            "enrolments": len(enrolments),
            "attempts": len(attempts),
        }
    )
    return len(enrolments)
