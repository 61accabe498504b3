"""Curators' and trainers' pages: a course's settings, trainers, outline
(modules and lessons; their order is in ``outline.py``), publishing and enrolments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires
from ecoc_hub.core.workflow import TransitionError, transition

from .. import analytics, assignments, permissions, queries, services
from ..enums import EnrolmentState, LessonKind
from ..forms import (
    CourseForm,
    DecisionForm,
    LessonForm,
    MediaLessonForm,
    QuizLessonForm,
    ResourceLessonForm,
    TrainersForm,
)
from ..forms_assignments import (
    AssignmentLessonForm,
    CriterionFormSet,
    criterion_initial,
    criterion_rows,
)
from ..forms_cohort import ModuleForm
from ..models import Course, Enrolment, Lesson, Module
from ..workflow import COURSE
from .public import course_crumbs


def _course(
    request: AuthenticatedHttpRequest, slug: str, *, trainers: bool = False
) -> Course:
    return get_for_user(
        Course.objects.all(),
        request.user,
        can_see=permissions.can_see_course,
        can_do=permissions.can_name_trainers
        if trainers
        else permissions.can_edit_course,
        slug=slug,
    )


def _module(request: AuthenticatedHttpRequest, course: Course, pk: int) -> Module:
    return get_for_user(
        Module.objects.select_related("course"),
        request.user,
        can_see=permissions.can_see_module,
        can_do=permissions.can_edit_module,
        pk=pk,
        course=course,
    )


def _lesson(request: AuthenticatedHttpRequest, course: Course, pk: int) -> Lesson:
    return get_for_user(
        Lesson.objects.select_related("module__course"),
        request.user,
        can_see=permissions.can_see_lesson,
        can_do=permissions.can_edit_lesson,
        pk=pk,
        module__course=course,
    )


# The form and the page title of each kind of lesson.
LESSON_FORMS: dict[str, Any] = {
    LessonKind.QUIZ: QuizLessonForm,
    LessonKind.MEDIA: MediaLessonForm,
    LessonKind.RESOURCE: ResourceLessonForm,
    LessonKind.ASSIGNMENT: AssignmentLessonForm,
}
NEW_LESSON_LABELS: dict[str, Any] = {
    LessonKind.QUIZ: gettext_lazy("New quiz"),
    LessonKind.MEDIA: gettext_lazy("New video or audio lesson"),
    LessonKind.RESOURCE: gettext_lazy("New library-resource lesson"),
    LessonKind.ASSIGNMENT: gettext_lazy("New assignment"),
}


def _author_crumbs(course: Course, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return course_crumbs(
        course, (_("Edit the course"), reverse("courses:author", args=[course.slug]))
    ) + list(more)


@requires(permissions.can_create_course)
@require_http_methods(["GET", "POST"])
def create_course(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = services.create_course(
            creator=request.user,
            capacity_areas=form.cleaned_data["capacity_areas"],
            prerequisites=form.cleaned_data["prerequisites"],
            trainers=[request.user],
            **form.changes(),
        )
        messages.success(request, _("The course is created as a draft."))
        return redirect("courses:author", slug=course.slug)
    return render(
        request,
        "courses/course_form.html",
        {
            "form": form,
            "course": None,
            "breadcrumbs": [
                (_("Learn"), reverse("courses:list")),
                (_("New course"), ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_settings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        services.update_course(
            course=course,
            changes=form.changes(),
            capacity_areas=form.cleaned_data["capacity_areas"],
            prerequisites=form.cleaned_data["prerequisites"],
        )
        messages.success(request, _("The course's settings are saved."))
        return redirect("courses:author", slug=course.slug)
    return render(
        request,
        "courses/course_form.html",
        {
            "form": form,
            "course": course,
            "breadcrumbs": _author_crumbs(course, (_("Settings"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_trainers(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug, trainers=True)
    form = TrainersForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        services.set_trainers(course=course, trainers=form.cleaned_data["trainers"])
        messages.success(request, _("The trainers are saved."))
        return redirect("courses:author", slug=course.slug)
    return render(
        request,
        "courses/trainers.html",
        {
            "form": form,
            "course": course,
            "breadcrumbs": _author_crumbs(course, (_("Trainers"), "")),
        },
    )


@login_required
@require_http_methods(["GET"])
def author(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    return render(
        request,
        "courses/author.html",
        {
            "course": course,
            "modules": queries.outline(course),
            "actions": COURSE.available(request.user, course),
            "can_name_trainers": permissions.can_name_trainers(request.user, course),
            "trainers": list(course.trainers.order_by("display_name")),
            "requested": course.enrolments.filter(
                state=EnrolmentState.REQUESTED
            ).count(),
            "to_review": assignments.waiting_count(course),
            "history": [
                (h, COURSE.state_label(h.to_state))
                for h in course.history.select_related("actor")[:10]
            ],
            "breadcrumbs": course_crumbs(course, (_("Edit the course"), "")),
        },
    )


@login_required
@require_POST
def course_state(
    request: AuthenticatedHttpRequest, slug: str, action: str
) -> HttpResponse:
    course = _course(request, slug)
    if action not in COURSE.table:
        raise Http404
    try:
        transition(course, action, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The course is now: %(state)s.") % {"state": course.get_state_display()},
        )
    return redirect("courses:author", slug=course.slug)


@login_required
@require_http_methods(["GET", "POST"])
def module_form(
    request: AuthenticatedHttpRequest, slug: str, pk: int | None = None
) -> HttpResponse:
    course = _course(request, slug)
    module = _module(request, course, pk) if pk is not None else None
    form = ModuleForm(request.POST or None, instance=module, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if module is None:
            services.add_module(
                course=course,
                title=data["title"],
                summary=data["summary"],
                **form.dates(),
            )
        else:
            services.update_module(
                module=module,
                title=data["title"],
                summary=data["summary"],
                **form.dates(),
            )
        messages.success(request, _("The module is saved."))
        return redirect("courses:author", slug=course.slug)
    label = _("New module") if module is None else module.title
    return render(
        request,
        "courses/module_form.html",
        {
            "form": form,
            "course": course,
            "module": module,
            "breadcrumbs": _author_crumbs(course, (label, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_form(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int | None = None,
    module: int | None = None,
) -> HttpResponse:
    course = _course(request, slug)
    lesson = _lesson(request, course, pk) if pk is not None else None
    parent = lesson.module if lesson else _module(request, course, module or 0)
    if lesson is not None:
        kind = lesson.kind
    else:
        kind = request.POST.get("kind") or request.GET.get("kind") or LessonKind.TEXT
        if kind not in LessonKind.values:
            raise Http404
    form_class = LESSON_FORMS.get(kind, LessonForm)
    staging = {"session": request.session} if form_class is MediaLessonForm else {}
    form = form_class(
        request.POST or None, request.FILES or None, instance=lesson, **staging
    )
    rubric = None
    if kind == LessonKind.ASSIGNMENT:
        rubric = CriterionFormSet(
            request.POST or None, prefix="rubric", initial=criterion_initial(lesson)
        )
    valid = request.method == "POST" and all(
        [form.is_valid(), rubric is None or rubric.is_valid()]
    )
    if valid:
        changes = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
        if rubric is not None:
            lesson = assignments.save_assignment_lesson(
                module=parent,
                lesson=lesson,
                changes=changes,
                criteria=criterion_rows(rubric),
            )
        elif isinstance(form, MediaLessonForm):
            lesson = services.save_media_lesson(
                module=parent,
                lesson=lesson,
                changes=changes,
                checked=form.checked,
                captions=form.captions,
            )
            form.release_uploads()
        elif lesson is None:
            lesson = services.add_lesson(module=parent, kind=kind, **changes)
        else:
            services.update_lesson(lesson=lesson, changes=changes)
        messages.success(request, _("The lesson is saved."))
        if "preview" in request.POST:
            return redirect("courses:lesson", slug=course.slug, pk=lesson.pk)
        if lesson.is_quiz:
            return redirect("courses:lesson_edit", slug=course.slug, pk=lesson.pk)
        return redirect(
            reverse("courses:author", args=[course.slug]) + f"#lesson-{lesson.pk}"
        )
    if lesson is None:
        label = str(NEW_LESSON_LABELS.get(kind, _("New lesson")))
    else:
        label = lesson.title
    return render(
        request,
        "courses/lesson_form.html",
        {
            "form": form,
            "course": course,
            "module": parent,
            "lesson": lesson,
            "kind": kind,
            "questions": list(lesson.questions.all()) if lesson else [],
            "rubric": rubric,
            "breadcrumbs": _author_crumbs(course, (label, "")),
        },
    )


@login_required
@require_http_methods(["GET"])
def enrolments(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    rows = list(
        course.enrolments.select_related("learner").order_by("state", "created_at")
    )
    return render(
        request,
        "courses/enrolments.html",
        {
            "course": course,
            "enrolments": rows,
            "form": DecisionForm(),
            "breadcrumbs": _author_crumbs(course, (_("Learners"), "")),
        },
    )


@login_required
@require_POST
def decide(
    request: AuthenticatedHttpRequest, slug: str, uuid: object, action: str
) -> HttpResponse:
    course = _course(request, slug)
    enrolment = get_for_user(
        Enrolment.objects.select_related("course", "learner"),
        request.user,
        can_see=permissions.can_see_enrolment,
        uuid=uuid,
        course=course,
    )
    if action not in {"admit", "decline"}:
        raise Http404
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        transition(enrolment, action, actor=request.user, comment=comment)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(state)s.")
            % {
                "name": enrolment.learner.display_name or enrolment.learner.email,
                "state": enrolment.get_state_display(),
            },
        )
    return redirect("courses:enrolments", slug=course.slug)


@login_required
@require_http_methods(["GET"])
def course_analytics(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    return render(
        request,
        "courses/analytics.html",
        {
            "course": course,
            "overview": analytics.overview(course),
            "active_days": analytics.ACTIVE_DAYS,
            "breadcrumbs": _author_crumbs(course, (_("Analytics"), "")),
        },
    )


@login_required
@require_http_methods(["GET"])
def learners_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    response = HttpResponse(
        analytics.learners_csv(course), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{course.slug}-learners.csv"'
    )
    return response
