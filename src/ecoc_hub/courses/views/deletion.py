"""Deleting a module, a lesson or a question (issue 14): a GET shows what
will be lost (lessons, questions, the learners' progress and quiz attempts),
and only the POST of that page deletes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest

from .. import services
from ..models import Attempt, Lesson, LessonProgress, Question
from .authoring import _author_crumbs, _course, _lesson, _module
from .questions import _question


def _losses(lessons: QuerySet[Lesson], *, with_lessons: bool) -> list[str]:
    """What deleting these lessons loses, as sentences."""
    losses = []
    if with_lessons:
        count = lessons.count()
        if count:
            losses.append(
                ngettext("Its %(count)s lesson.", "Its %(count)s lessons.", count)
                % {"count": count}
            )
    questions = Question.objects.filter(lesson__in=lessons).count()
    if questions:
        losses.append(
            ngettext(
                "%(count)s quiz question, with its options and feedback.",
                "%(count)s quiz questions, with their options and feedback.",
                questions,
            )
            % {"count": questions}
        )
    progress = LessonProgress.objects.filter(lesson__in=lessons)
    learners = progress.values("enrolment").distinct().count()
    if learners:
        losses.append(
            ngettext(
                "The progress of %(count)s learner, who will no longer see "
                "these lessons as opened or completed.",
                "The progress of %(count)s learners, who will no longer see "
                "these lessons as opened or completed.",
                learners,
            )
            % {"count": learners}
        )
    attempts = Attempt.objects.filter(lesson__in=lessons).count()
    if attempts:
        losses.append(
            ngettext(
                "%(count)s quiz attempt, with its answers and score.",
                "%(count)s quiz attempts, with their answers and scores.",
                attempts,
            )
            % {"count": attempts}
        )
    return losses


def _confirm(
    request: AuthenticatedHttpRequest,
    *,
    course,
    title: str,
    losses: list[str],
    back: str,
) -> HttpResponse:
    return render(
        request,
        "courses/confirm_delete.html",
        {
            "course": course,
            "title": title,
            "losses": losses,
            "back": back,
            "breadcrumbs": _author_crumbs(course, (_("Delete"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_delete(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    course = _course(request, slug)
    module = _module(request, course, pk)
    back = reverse("courses:author", args=[course.slug]) + f"#module-{pk}"
    if request.method == "POST":
        services.delete_module(module=module)
        messages.success(
            request, _("The module “%(title)s” is deleted.") % {"title": module.title}
        )
        return redirect("courses:author", slug=course.slug)
    return _confirm(
        request,
        course=course,
        title=_("Delete the module “%(title)s”?") % {"title": module.title},
        losses=_losses(module.lessons.all(), with_lessons=True),
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_delete(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    course = _course(request, slug)
    lesson = _lesson(request, course, pk)
    back = reverse("courses:author", args=[course.slug]) + f"#lesson-{pk}"
    if request.method == "POST":
        services.delete_lesson(lesson=lesson)
        messages.success(
            request, _("The lesson “%(title)s” is deleted.") % {"title": lesson.title}
        )
        return redirect("courses:author", slug=course.slug)
    return _confirm(
        request,
        course=course,
        title=_("Delete the lesson “%(title)s”?") % {"title": lesson.title},
        losses=_losses(Lesson.objects.filter(pk=lesson.pk), with_lessons=False),
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(
    request: AuthenticatedHttpRequest, slug: str, question: int
) -> HttpResponse:
    course = _course(request, slug)
    found = _question(request, course, question)
    lesson = found.lesson
    back = reverse("courses:lesson_edit", args=[course.slug, lesson.pk]) + "#questions"
    if request.method == "POST":
        services.delete_question(question=found)
        messages.success(request, _("The question is deleted."))
        return redirect(back)
    attempts = Attempt.objects.filter(lesson=lesson).count()
    losses = [_("The question, with its options and feedback.")]
    if attempts:
        losses.append(
            ngettext(
                "Its answers in %(count)s quiz attempt. The attempt keeps the "
                "score it had; the next attempts are scored without this "
                "question.",
                "Its answers in %(count)s quiz attempts. The attempts keep the "
                "scores they had; the next attempts are scored without this "
                "question.",
                attempts,
            )
            % {"count": attempts}
        )
    return _confirm(
        request,
        course=course,
        title=_("Delete the question “%(prompt)s”?")
        % {
            "prompt": found.prompt
            if len(found.prompt) <= 80
            else found.prompt[:79] + "…"
        },
        losses=losses,
        back=back,
    )
