"""The title suggestions of the search box, used with the keyboard only: the
ARIA combobox opens as one types, the arrow keys move the active option,
Enter opens it, Escape closes the list; the open state passes axe too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("url_name", ["library:list", "search:list"])
def test_keyboard_user_picks_a_suggested_title_and_lands_on_it(
    page: Page, url_name: str
):
    owner = data.member("ada@example.org")
    resource = data.resource(owner=owner)
    data.resource(owner=owner, title="Audience development in Oulu")
    page.goto(reverse(url_name))
    box = page.get_by_role("combobox", name="Search for")

    box.press_sequentially("Volunteer", delay=30)

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_text([resource.title])
    box.press("ArrowDown")
    option = listbox.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    expect(box).to_be_focused()

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith(resource.get_absolute_url()), page.url
    expect(page.locator("main h1")).to_have_text(resource.title)


def test_the_open_suggestion_list_passes_axe(page: Page):
    data.resource(owner=data.member("ada@example.org"))
    page.goto(reverse("library:list"))
    box = page.get_by_role("combobox", name="Search for")
    box.press_sequentially("Volunteer", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("ArrowDown")
    expect(page.locator("#search-suggestions [role=option]").first).to_have_attribute(
        "aria-selected", "true"
    )

    assert_accessible(page, "the library search box with its suggestions open")
