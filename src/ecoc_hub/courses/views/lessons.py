"""A lesson's page: a text to read or a quiz to take, with the outline and
the learner's progress; quiz attempts and the certificate of completion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, check_object, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import cohort, completion, permissions, players, queries, quiz, services
from ..content import render_lesson
from ..enums import EnrolmentState, QuestionKind
from ..models import Attempt, Course, Enrolment, Lesson, Question
from .public import course_crumbs, get_course_for_user


class ModuleLocked(ActionRefused):
    """A cohort's module that opens on a later day (a 403 with its date)."""

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson


def _lesson_for(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> tuple[Course, Lesson, Enrolment | None]:
    course = get_course_for_user(request, slug)
    lesson = get_for_user(
        Lesson.objects.select_related("module__course"),
        request.user,
        can_see=permissions.can_see_lesson,
        pk=pk,
        module__course=course,
    )
    enrolment = queries.enrolment_of(request.user, course)
    if (
        lesson.module.is_locked(course)
        and permissions.can_follow(request.user, course, enrolment)
        and not permissions.can_edit_course(request.user, course)
    ):
        raise ModuleLocked(lesson)
    check_object(
        request.user,
        lesson,
        can_see=permissions.can_see_lesson,
        can_do=lambda user, item: permissions.can_open_lesson(user, item, enrolment),
    )
    return course, lesson, enrolment


def _answer_text(question: Question, value: Any) -> str:
    choices = {str(c.pk): c for c in question.choices.all()}
    if question.kind == QuestionKind.SINGLE:
        found = choices.get(str(value))
        return found.text if found else "—"
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(choices[v].text for v in value or [] if v in choices) or "—"
    if question.kind == QuestionKind.TRUE_FALSE:
        return str(dict(quiz.TRUE_FALSE).get(value, "—"))
    if question.kind == QuestionKind.MATCHING:
        value = value if isinstance(value, dict) else {}
        return "; ".join(
            f"{c.text} → {value.get(key) or '—'}" for key, c in choices.items()
        )
    return str(value or "—")


def _feedback(attempt: Attempt, questions: list[Question]) -> list[dict[str, Any]]:
    rows = []
    for question in questions:
        key = str(question.pk)
        points = float(attempt.points.get(key, 0))
        rows.append(
            {
                "question": question,
                "answer": _answer_text(question, attempt.answers.get(key)),
                "points": points,
                "right": points == 1,
                "partly": 0 < points < 1,
            }
        )
    return rows


def _seed(enrolment: Enrolment | None, lesson: Lesson, number: int) -> str:
    return f"{enrolment.pk if enrolment else 0}:{lesson.pk}:{number}"


def _page(
    request: AuthenticatedHttpRequest,
    course: Course,
    lesson: Lesson,
    enrolment: Enrolment | None,
    form: quiz.QuizForm | None = None,
    submission_form: Any = None,
) -> HttpResponse:
    following = permissions.can_follow(request.user, course, enrolment)
    progress = queries.progress(
        course,
        enrolment if following else None,
        editor=permissions.can_edit_course(request.user, course),
    )
    before, after = progress.neighbours(lesson)
    zone, _unknown = cohort.reader_zone(request)
    context: dict[str, Any] = {
        "live": cohort.live_sessions(
            course, request.user, zone, enrolled=following and enrolment is not None
        ),
        "reader_zone": zone,
        "course": course,
        "lesson": lesson,
        "body": render_lesson(lesson.body),
        "progress": progress,
        "following": following,
        "preview": not following,
        "before": before,
        "after": after,
        "breadcrumbs": course_crumbs(course, (lesson.title, "")),
    }
    if lesson.is_media or lesson.is_resource:
        context.update(players.page_context(request, lesson, enrolment, following))
    if lesson.is_assignment:
        from .assignments import page_context

        context.update(
            page_context(request, lesson, enrolment, following, submission_form)
        )
    if lesson.is_quiz:
        questions = quiz.questions_of(lesson)
        attempts = (
            quiz.attempts_of(enrolment, lesson) if following and enrolment else []
        )
        left = quiz.attempts_left(lesson, len(attempts))
        seed = _seed(enrolment, lesson, len(attempts) + 1)
        context.update(
            {
                "questions": questions,
                "attempts": attempts,
                "attempts_left": left,
                "passed": any(a.passed for a in attempts),
                "last": attempts[-1] if attempts else None,
                "feedback": _feedback(attempts[-1], questions) if attempts else [],
                "form": form
                or quiz.QuizForm(
                    questions=questions, seed=seed, shuffle=lesson.shuffle
                ),
                "may_attempt": following and left != 0 and bool(questions),
            }
        )
    failed = form is not None or submission_form is not None
    return render(
        request, "courses/lesson.html", context, status=400 if failed else 200
    )


@login_required
@require_safe
def lesson_detail(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    try:
        course, lesson, enrolment = _lesson_for(request, slug, pk)
    except ModuleLocked as locked:
        module = locked.lesson.module
        return render(
            request,
            "courses/lesson_locked.html",
            {
                "course": module.course,
                "lesson": locked.lesson,
                "opens": module.opens_for(module.course),
                "breadcrumbs": course_crumbs(module.course, (locked.lesson.title, "")),
            },
            status=403,
        )
    if permissions.can_follow(request.user, course, enrolment) and enrolment:
        services.record_view(enrolment=enrolment, lesson=lesson)
    return _page(request, course, lesson, enrolment)


@login_required
@require_POST
def attempt(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    course, lesson, enrolment = _lesson_for(request, slug, pk)
    if not lesson.is_quiz:
        raise Http404
    if enrolment is None or not permissions.can_follow(request.user, course, enrolment):
        raise ActionRefused
    questions = quiz.questions_of(lesson)
    used = len(quiz.attempts_of(enrolment, lesson))
    form = quiz.QuizForm(
        request.POST,
        questions=questions,
        seed=_seed(enrolment, lesson, used + 1),
        shuffle=lesson.shuffle,
    )
    if not form.is_valid():
        return _page(request, course, lesson, enrolment, form=form)
    try:
        result = quiz.submit_attempt(
            enrolment=enrolment, lesson=lesson, answers=form.answers()
        )
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(lesson.get_absolute_url())
    if result.passed:
        messages.success(
            request,
            _("You passed with %(score)s %%.") % {"score": result.score},
        )
    else:
        messages.warning(
            request,
            _("You scored %(score)s %%; the pass mark is %(mark)s %%.")
            % {"score": result.score, "mark": lesson.pass_mark},
        )
    enrolment.refresh_from_db(fields=["state"])
    if enrolment.state == EnrolmentState.COMPLETED:
        return redirect(course)
    return redirect(reverse("courses:lesson", args=[slug, pk]) + "#result")


@login_required
@require_POST
def claim_certificate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The certificate of a completed course, for a learner who had no name
    to print when they completed it."""
    course = get_course_for_user(request, slug)
    enrolment = queries.enrolment_of(request.user, course)
    if enrolment is None or enrolment.state != EnrolmentState.COMPLETED:
        raise ActionRefused
    certificate = completion.issue_completion_certificate(enrolment)
    if certificate is None:
        messages.error(
            request, _("Add your name to your profile first: it is printed on it.")
        )
        return redirect(course)
    return redirect(certificate)
