"""The outline's order (issue 14): saved whole by the drag-and-drop editor,
or one move at a time by the Up, Down and "Move to" forms; forged orders
change nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ecoc_hub.courses import outline, services
from ecoc_hub.courses.models import Lesson, Module

from .conftest import add_module, lessons_of, make_course


def _layout(course):
    return [[module_id, ids] for module_id, ids in outline.outline_layout(course)]


def _titles(course):
    return [
        (m.title, [lesson.title for lesson in m.lessons.order_by("position", "pk")])
        for m in course.modules.order_by("position", "pk")
    ]


def test_reorder_outline_saves_modules_and_lessons_across_modules(course):
    more = add_module(course, "Evaluation", lessons=1)
    basics = course.modules.get(title="Basics")
    one, two, three = lessons_of(course)

    outline.reorder_outline(
        course=course, layout=[(more.pk, [two.pk, three.pk]), (basics.pk, [one.pk])]
    )

    assert _titles(course) == [
        ("Evaluation", ["Lesson 2", "Evaluation 1"]),
        ("Basics", ["Lesson 1"]),
    ]


@pytest.mark.parametrize(
    "forge",
    ["foreign lesson", "foreign module", "missing lesson", "twice", "missing module"],
)
def test_reorder_outline_refuses_a_forged_order_and_changes_nothing(course, forge):
    other = make_course(title="Another course")
    basics = course.modules.get()
    one, two = lessons_of(course)
    foreign = lessons_of(other)[0]
    layouts = {
        "foreign lesson": [(basics.pk, [one.pk, two.pk, foreign.pk])],
        "foreign module": [(basics.pk, [one.pk]), (foreign.module_id, [two.pk])],
        "missing lesson": [(basics.pk, [two.pk])],
        "twice": [(basics.pk, [two.pk, one.pk, two.pk])],
        "missing module": [],
    }
    before = _titles(course), _titles(other)

    with pytest.raises(outline.OutlineError):
        outline.reorder_outline(course=course, layout=layouts[forge])

    assert (_titles(course), _titles(other)) == before


def test_lesson_moves_to_the_end_of_another_module(course):
    more = add_module(course, "Evaluation", lessons=1)
    first = lessons_of(course)[0]

    outline.move_lesson_to_module(lesson=first, module=more)

    assert _titles(course) == [
        ("Basics", ["Lesson 2"]),
        ("Evaluation", ["Evaluation 1", "Lesson 1"]),
    ]


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def test_the_editor_saves_a_dragged_order_and_says_where_the_item_is(
    trainer_client, course
):
    more = add_module(course, "Evaluation", lessons=1)
    basics = course.modules.get(title="Basics")
    one, two, three = lessons_of(course)

    response = trainer_client.post(
        reverse("courses:outline_order", args=[course.slug]),
        {
            "layout": json.dumps(
                [[basics.pk, [two.pk]], [more.pk, [one.pk, three.pk]]]
            ),
            "moved": f"lesson:{one.pk}",
        },
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "layout": [[basics.pk, [two.pk]], [more.pk, [one.pk, three.pk]]],
        "message": "“Lesson 1” is now lesson 1 of 2 in the module “Evaluation”.",
    }


def test_the_editor_refuses_lessons_of_another_course_with_a_clear_error(
    trainer_client, course
):
    other = make_course(title="Another course")
    basics = course.modules.get()
    one, two = lessons_of(course)
    foreign = lessons_of(other)[0]

    response = trainer_client.post(
        reverse("courses:outline_order", args=[course.slug]),
        {"layout": json.dumps([[basics.pk, [foreign.pk, two.pk, one.pk]]])},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["error"].startswith(
        "The order names modules or lessons that are not this course's"
    )
    assert response.json()["layout"] == [[basics.pk, [one.pk, two.pk]]]
    assert Lesson.objects.get(pk=foreign.pk).module.course == other


@pytest.mark.parametrize(
    "layout", ["not json", '{"a": 1}', "[[1, [true]]]", "[[0, []]]"]
)
def test_the_editor_refuses_an_order_it_cannot_read(trainer_client, course, layout):
    before = _titles(course)

    response = trainer_client.post(
        reverse("courses:outline_order", args=[course.slug]),
        {"layout": layout},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["error"] == "The order could not be read."
    assert _titles(course) == before


def test_a_learner_may_not_reorder_a_course(client, member, course):
    services.enrol(course=course, learner=member)
    client.force_login(member)
    basics = course.modules.get()
    one, two = lessons_of(course)

    response = client.post(
        reverse("courses:outline_order", args=[course.slug]),
        {"layout": json.dumps([[basics.pk, [two.pk, one.pk]]])},
    )

    assert response.status_code == 403
    assert _titles(course) == [("Basics", ["Lesson 1", "Lesson 2"])]


def test_move_to_without_javascript_redirects_with_the_new_position(
    trainer_client, course
):
    more = add_module(course, "Evaluation", lessons=0)
    first = lessons_of(course)[0]

    response = trainer_client.post(
        reverse("courses:lesson_move_to", args=[course.slug, first.pk]),
        {"module": more.pk},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "“Lesson 1” is now lesson 1 of 1 in the module “Evaluation”."
    ]
    assert _titles(course) == [("Basics", ["Lesson 2"]), ("Evaluation", ["Lesson 1"])]


def test_move_to_a_module_of_another_course_is_refused(trainer_client, course):
    other = make_course(title="Another course")
    first = lessons_of(course)[0]

    response = trainer_client.post(
        reverse("courses:lesson_move_to", args=[course.slug, first.pk]),
        {"module": other.modules.get().pk},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["error"] == "Choose one of this course's modules."
    assert Lesson.objects.get(pk=first.pk).module.course == course


def test_up_button_answers_the_editor_in_json(trainer_client, course):
    more = add_module(course, "Evaluation", lessons=0)

    response = trainer_client.post(
        reverse("courses:module_move", args=[course.slug, more.pk]),
        {"direction": "up"},
        headers={"accept": "application/json"},
    )

    assert response.json()["message"] == "“Evaluation” is now module 1 of 2."
    assert list(
        Module.objects.filter(course=course).values_list("title", flat=True)
    ) == [
        "Evaluation",
        "Basics",
    ]
