"""The order of a course's outline (issue 14): modules and lessons moved by
the drag-and-drop editor or its "Move to" form, saved whole and checked."""

from __future__ import annotations

from django.db import transaction

from .models import Course, Lesson, Module


class OutlineError(ValueError):
    """An order that does not name exactly the course's modules and lessons."""


def outline_layout(course: Course) -> list[tuple[int, list[int]]]:
    """The course's order: each module's id with its lessons' ids."""
    lessons: dict[int, list[int]] = {}
    for module_id, lesson_id in Lesson.objects.filter(
        module__course=course
    ).values_list("module_id", "pk"):
        lessons.setdefault(module_id, []).append(lesson_id)
    return [
        (pk, lessons.get(pk, []))
        for pk in course.modules.order_by("position", "pk").values_list("pk", flat=True)
    ]


@transaction.atomic
def reorder_outline(*, course: Course, layout: list[tuple[int, list[int]]]) -> None:
    """Save a new order of the course's modules and of the lessons in each
    (a lesson may change module). The layout must name every module and every
    lesson of the course exactly once, and nothing else; otherwise
    ``OutlineError`` is raised and nothing changes."""
    Course.objects.select_for_update().get(pk=course.pk)
    modules = {m.pk: m for m in Module.objects.filter(course=course)}
    lessons = {
        lesson.pk: lesson for lesson in Lesson.objects.filter(module__course=course)
    }
    module_ids = [module_id for module_id, _ in layout]
    lesson_ids = [pk for _, ids in layout for pk in ids]
    if (
        len(module_ids) != len(set(module_ids))
        or set(module_ids) != set(modules)
        or len(lesson_ids) != len(set(lesson_ids))
        or set(lesson_ids) != set(lessons)
    ):
        raise OutlineError
    for position, (module_id, ids) in enumerate(layout):
        module = modules[module_id]
        if module.position != position:
            module.position = position
            module.save(update_fields=["position"])
        for lesson_position, pk in enumerate(ids):
            lesson = lessons[pk]
            if lesson.position != lesson_position or lesson.module_id != module_id:
                lesson.position, lesson.module_id = lesson_position, module_id
                lesson.save(update_fields=["position", "module"])


@transaction.atomic
def move_lesson_to_module(*, lesson: Lesson, module: Module) -> None:
    """Move a lesson to the end of another module of the same course."""
    if module.course_id != lesson.module.course_id:
        raise OutlineError
    if module.pk == lesson.module_id:
        return
    course = lesson.module.course
    layout = [
        (module_id, [pk for pk in ids if pk != lesson.pk])
        for module_id, ids in outline_layout(course)
    ]
    reorder_outline(
        course=course,
        layout=[
            (module_id, [*ids, lesson.pk] if module_id == module.pk else ids)
            for module_id, ids in layout
        ],
    )
    lesson.refresh_from_db(fields=["module", "position"])
