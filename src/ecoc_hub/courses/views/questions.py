"""Trainers' pages for a quiz's questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user

from .. import permissions, services
from ..forms import ChoiceFormSet, QuestionForm, check_question, choice_rows
from ..models import Question
from .authoring import _author_crumbs, _course, _lesson

#: Empty option rows shown under a question's existing ones.
EXTRA_ROWS = 4


def _question(request: AuthenticatedHttpRequest, course, pk: int) -> Question:
    return get_for_user(
        Question.objects.select_related("lesson__module__course"),
        request.user,
        can_see=lambda user, q: permissions.can_see_lesson(user, q.lesson),
        can_do=lambda user, q: permissions.can_edit_lesson(user, q.lesson),
        pk=pk,
        lesson__module__course=course,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_form(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int | None = None,
    question: int | None = None,
) -> HttpResponse:
    course = _course(request, slug)
    found = _question(request, course, question) if question is not None else None
    lesson = found.lesson if found else _lesson(request, course, pk or 0)
    if not lesson.is_quiz:
        raise Http404
    form = QuestionForm(request.POST or None, instance=found)
    initial = [
        {"text": c.text, "is_correct": c.is_correct, "match": c.match}
        for c in (found.choices.all() if found else [])
    ] + [{} for _ in range(EXTRA_ROWS)]
    formset = ChoiceFormSet(
        request.POST or None, initial=None if request.POST else initial, prefix="c"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = choice_rows(formset)
        check_question(form, rows)
        if form.is_valid():
            services.save_question(
                lesson=lesson,
                question=found,
                fields={
                    name: form.cleaned_data[name] for name in QuestionForm.Meta.fields
                },
                choices=rows,
            )
            messages.success(request, _("The question is saved."))
            return redirect(
                reverse("courses:lesson_edit", args=[course.slug, lesson.pk])
                + "#questions"
            )
    label = _("New question") if found is None else _("Question")
    return render(
        request,
        "courses/question_form.html",
        {
            "form": form,
            "formset": formset,
            "course": course,
            "lesson": lesson,
            "question": found,
            "breadcrumbs": _author_crumbs(
                course,
                (
                    lesson.title,
                    reverse("courses:lesson_edit", args=[course.slug, lesson.pk]),
                ),
                (label, ""),
            ),
        },
    )
