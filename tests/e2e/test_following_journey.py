"""Issue 15's following journey: a member asks a question (and follows it),
another member follows it too and replies mentioning the first, who sees
the notification and marks the reply as the answer; at a phone's width and
a desktop's, every page axe-clean and free of raw values."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.community import services
from ecoc_hub.community.mentions import ensure_handle
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, role: str = "link") -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "size", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_a_member_is_told_of_a_mention_and_marks_the_answer(
    page: Page, new_page, live_server, size, settings
):
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = False
    space = services.create_space(name="Volunteers", access="public", created_by=None)
    asker = UserFactory(display_name="Aino Asker")
    helper = UserFactory(display_name="Ben Helper")
    handle = ensure_handle(asker)

    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, asker)
    page.goto(space.get_absolute_url())
    seen(page, "space")
    click(page, "Start a thread")
    page.get_by_label("Title").fill("How early did you train volunteers?")
    page.get_by_label("Question").check()
    page.get_by_label("Your message").fill("We start in a year: is it enough?")
    click(page, "Post the thread", role="button")
    seen(page, "question")
    expect(page.locator("main")).to_contain_text("You follow this")

    other = new_page(viewport=size)
    add_session_cookie(other.context, live_server.url, helper)
    other.goto(page.url)
    click(other, "Follow How early did you train volunteers?", role="button")
    seen(other, "question, followed")
    expect(other.locator("main")).to_contain_text("You follow this")
    other.get_by_label("Your message").fill(
        f"@{handle}, start 18 months before: the first cohort trains the next."
    )
    click(other, "Post the reply", role="button")

    page.goto("/community/notifications/")
    seen(page, "notifications")
    click(page, "Someone mentioned you")
    seen(page, "question with the reply")
    click(page, "Mark as the answer the post of Ben Helper", role="button")
    seen(page, "question answered")
    expect(page.locator("main")).to_contain_text("The answer")
    expect(page.locator("main")).to_contain_text("marked the reply of Ben Helper")
    page.goto(space.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Answered")
    page.goto("/community/notifications/settings/")
    seen(page, "following and e-mail settings")
    expect(page.locator("main")).to_contain_text("How early did you train volunteers?")
