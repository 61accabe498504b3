"""The site search as a person uses it (issue 9, point 5): a query typed in
the header of a page that is not a search page lands on the one results
page; on a phone the header keeps its height, the results come first and the
filters open from "Filter (n)"; on a wide screen they are a sidebar."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import assert_accessible, check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _header_height(page: Page) -> float:
    return page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().height"
    )


def _header_height_without_search(page: Page) -> float:
    """The header's height with the search box taken out (put back after)."""
    return page.evaluate(
        """() => {
        const form = document.querySelector('.site-search');
        const next = form.nextSibling, parent = form.parentNode;
        form.remove();
        const height = document.querySelector('.site-header')
            .getBoundingClientRect().height;
        parent.insertBefore(form, next);
        return height;
    }"""
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_a_query_typed_in_the_header_lands_on_the_results(new_page, width: int):
    owner = data.member("ada@example.org")
    resource = data.resource(owner=owner)
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(reverse("cities:list"))
    if width == 390:
        # The box shares the brand's row: the header is no taller with it.
        assert _header_height(page) <= _header_height_without_search(page)

    header = page.locator("header").get_by_role("search", name="Site search")
    box = header.get_by_role("searchbox", name="Search ECoC Hub")
    box.click()
    box.press_sequentially("volunteers", delay=20)
    with page.expect_navigation():
        box.press("Enter")

    assert page.url.endswith(reverse("search:list") + "?q=volunteers"), page.url
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=resource.title)).to_be_visible()
    toggle = page.locator("#search-filters > summary")
    facets = page.get_by_role("complementary", name="Filter results")
    if width == 1280:
        # A sidebar beside the results, no disclosure to open.
        expect(toggle).to_be_hidden()
        expect(facets).to_be_visible()
        assert (
            facets.bounding_box()["x"] + facets.bounding_box()["width"]
            <= results.bounding_box()["x"]
        )
        check_page(page, "search results, wide")
        return
    # On a phone the results come first; the filters wait behind a button.
    expect(facets).to_be_hidden()
    expect(toggle).to_have_text("Filter")
    assert toggle.bounding_box()["height"] < 60
    toggle.click()
    expect(facets).to_be_visible()
    # Ticking a filter updates the results in place (htmx); the filters stay
    # open, and the button counts the filter.
    facets.get_by_role("checkbox", name="Library resource").check()

    expect(page.locator("#search-filters > summary")).to_have_text("Filter (1)")
    expect(facets).to_be_visible()
    expect(page.get_by_role("checkbox", name="Library resource")).to_be_checked()
    expect(results.get_by_role("link", name=resource.title)).to_be_visible()
    assert "kind=library.resource" in page.url
    check_page(page, "search results, phone")


def test_a_query_typed_on_the_library_lands_on_the_same_results(page: Page):
    resource = data.resource(owner=data.member("ada@example.org"))
    page.goto(reverse("library:list"))

    box = page.get_by_role("combobox", name="Search for")
    box.fill("volunteers")
    with page.expect_navigation():
        page.locator("#library-search").get_by_role(
            "button", name="Search", exact=True
        ).click()

    assert page.url.endswith(
        reverse("search:list") + "?q=volunteers&kind=library.resource"
    ), page.url
    expect(page.get_by_role("checkbox", name="Library resource")).to_be_checked()
    expect(page.get_by_role("link", name=resource.title)).to_be_visible()
    assert_accessible(page, "library search on the results page")


def test_the_home_page_search_box_leads_to_the_results(page: Page):
    resource = data.resource(owner=data.member("ada@example.org"))
    page.goto(reverse("home"))

    page.locator("main").get_by_role("searchbox").fill("volunteers")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Search").click()

    expect(page.get_by_role("link", name=resource.title)).to_be_visible()
