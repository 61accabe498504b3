"""A trainer reorders a course's outline (issue 14): by keyboard with the Up,
Down and "Move to" buttons (the focus stays, the live region says where the
item went) and by dragging a handle, at a phone's width and a desktop's;
the page passes axe before and after."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.courses.models import Lesson, Module
from tests.courses.conftest import add_module, make_course
from tests.e2e.helpers import add_session_cookie, assert_accessible
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _order(course) -> list[tuple[str, list[str]]]:
    return [
        (m.title, [lesson.title for lesson in m.lessons.order_by("position", "pk")])
        for m in Module.objects.filter(course=course).order_by("position", "pk")
    ]


def _drag(page: Page, handle, target, *, below: bool) -> None:
    start = handle.bounding_box()
    box = target.bounding_box()
    assert start is not None and box is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    y = box["y"] + box["height"] * (0.8 if below else 0.2)
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=8)
    page.mouse.up()


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_trainer_reorders_the_outline_by_keyboard_and_by_drag(page, live_server, width):
    trainer = UserFactory(display_name="Tina Trainer", roles=["expert"])
    course = make_course(
        trainers=[trainer], state="draft", title="Evaluation basics", slug="eval"
    )
    add_module(course, "Evaluation", lessons=1)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, trainer)
    page.goto(f"{live_server.url}/learn/eval/edit/")
    assert_accessible(page, "outline")
    status = page.locator("[data-outline-status]")

    # Keyboard: the focus stays on the button and the move is announced.
    down = page.get_by_role("button", name="Down Lesson 1")
    down.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(
        "“Lesson 1” is now lesson 2 of 2 in the module “Basics”."
    )
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text(
        "“Lesson 1” is now lesson 1 of 2 in the module “Evaluation”."
    )
    assert _order(course) == [
        ("Basics", ["Lesson 2"]),
        ("Evaluation", ["Lesson 1", "Evaluation 1"]),
    ]
    page.get_by_label("Move to (Lesson 2)").select_option(label="Evaluation")
    page.get_by_role("button", name="Move Lesson 2").click()
    expect(status).to_have_text(
        "“Lesson 2” is now lesson 3 of 3 in the module “Evaluation”."
    )
    expect(
        page.locator("#module-" + str(course.modules.get(title="Basics").pk))
    ).to_contain_text("No lessons in this module yet.")

    # Drag: the module Evaluation above Basics, then Lesson 2 to the top.
    evaluation = page.locator("[data-module-id]").nth(1)
    _drag(
        page,
        evaluation.locator("h3 [data-drag-handle]"),
        page.locator("[data-module-id]").nth(0),
        below=False,
    )
    expect(status).to_have_text("“Evaluation” is now module 1 of 2.")
    expect(page.locator("[data-module-heading]").first).to_have_text(
        "Module 1: Evaluation"
    )
    two = Lesson.objects.get(module__course=course, title="Lesson 2")
    lesson_two = page.locator(f"[data-lesson-id='{two.pk}']")
    _drag(
        page,
        lesson_two.locator("[data-drag-handle]"),
        page.locator("[data-lesson-id]").first,
        below=False,
    )
    expect(status).to_have_text(
        "“Lesson 2” is now lesson 1 of 3 in the module “Evaluation”."
    )
    assert _order(course) == [
        ("Evaluation", ["Lesson 2", "Lesson 1", "Evaluation 1"]),
        ("Basics", []),
    ]
    assert_accessible(page, "outline after the moves")

    # The order shown is the saved one.
    page.reload()
    expect(page.locator("[data-lesson-id]").first).to_contain_text("Lesson 2")
