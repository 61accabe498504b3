"""The outline's order (issue 14): the drag-and-drop editor saves the whole
order at once; the Up, Down and "Move to" buttons are plain forms that work
without JavaScript, and answer in JSON when the editor sends them.

Every answer says where the moved item now is, for the page's live region
(or, without JavaScript, the messages shown after the redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest

from .. import outline, services
from ..forms import MoveLessonForm, OutlineForm
from ..models import Course, Lesson, Module
from .authoring import _course, _lesson, _module

FORGED = gettext_lazy(
    "The order names modules or lessons that are not this course's, or leaves "
    "some out: nothing was changed. Reload the page and try again."
)


def wants_json(request: AuthenticatedHttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def position_message(course: Course, moved: str) -> str:
    """Where the moved item (``module:<id>`` or ``lesson:<id>``) now is."""
    kind, _sep, raw = moved.partition(":")
    pk = int(raw or 0)
    layout = outline.outline_layout(course)
    if kind == "module":
        ids = [module_id for module_id, _lessons in layout]
        if pk in ids:
            module = Module.objects.get(pk=pk)
            return _("“%(title)s” is now module %(position)s of %(count)s.") % {
                "title": module.title,
                "position": ids.index(pk) + 1,
                "count": len(ids),
            }
    for _module_id, lesson_ids in layout:
        if kind == "lesson" and pk in lesson_ids:
            lesson = Lesson.objects.select_related("module").get(pk=pk)
            return _(
                "“%(title)s” is now lesson %(position)s of %(count)s in the "
                "module “%(module)s”."
            ) % {
                "title": lesson.title,
                "position": lesson_ids.index(pk) + 1,
                "count": len(lesson_ids),
                "module": lesson.module.title,
            }
    return _("The order is saved.")


def moved_response(
    request: AuthenticatedHttpRequest, course: Course, moved: str
) -> HttpResponse:
    message = position_message(course, moved)
    if wants_json(request):
        return JsonResponse(
            {"layout": outline.outline_layout(course), "message": message}
        )
    messages.success(request, message)
    kind, _sep, pk = moved.partition(":")
    return redirect(reverse("courses:author", args=[course.slug]) + f"#{kind}-{pk}")


def refused(
    request: AuthenticatedHttpRequest, course: Course, error: str
) -> HttpResponse:
    if wants_json(request):
        return JsonResponse(
            {"error": error, "layout": outline.outline_layout(course)}, status=400
        )
    messages.error(request, error)
    return redirect("courses:author", slug=course.slug)


@login_required
@require_POST
def outline_order(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    form = OutlineForm(request.POST)
    if not form.is_valid():
        return refused(request, course, _("The order could not be read."))
    try:
        outline.reorder_outline(course=course, layout=form.cleaned_data["layout"])
    except outline.OutlineError:
        return refused(request, course, str(FORGED))
    return moved_response(request, course, form.cleaned_data["moved"])


@login_required
@require_POST
def lesson_move_to(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    course = _course(request, slug)
    lesson = _lesson(request, course, pk)
    form = MoveLessonForm(request.POST, course=course)
    if not form.is_valid():
        return refused(request, course, _("Choose one of this course's modules."))
    outline.move_lesson_to_module(lesson=lesson, module=form.cleaned_data["module"])
    return moved_response(request, course, f"lesson:{lesson.pk}")


def _offset(request: AuthenticatedHttpRequest) -> int:
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    return -1 if direction == "up" else 1


@login_required
@require_POST
def module_move(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    module = _module(request, course, pk)
    services.move_module(module=module, offset=_offset(request))
    return moved_response(request, course, f"module:{pk}")


@login_required
@require_POST
def lesson_move(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    lesson = _lesson(request, course, pk)
    services.move_lesson(lesson=lesson, offset=_offset(request))
    return moved_response(request, course, f"lesson:{pk}")
