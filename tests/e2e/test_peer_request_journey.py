"""Issue 15's browser journey: a member of a candidate city's team asks a
past title city for a study visit from the directory, the past city's
member accepts and answers in the shared thread, and the asker reads the
answer; at a phone's width and a desktop's, every page axe-clean and free
of raw values."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.cities.models import Title
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.factories import MembershipFactory, OrganisationFactory

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
def test_a_candidate_asks_a_past_title_city_for_a_study_visit(
    page: Page, new_page, live_server, size, settings
):
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = True
    candidate = OrganisationFactory(
        name="Valdoria 2033 bid team",
        slug="valdoria",
        kind="candidate",
        title=None,
        candidate_city="Valdoria",
        candidate_year=2033,
    )
    past = OrganisationFactory(
        name="Leeuwarden 2018 team",
        slug="leeuwarden",
        title=Title.objects.get(city__name="Leeuwarden", year=2018),
    )
    asker = MembershipFactory(
        organisation=candidate, user__display_name="Vera Bid"
    ).user
    host = MembershipFactory(organisation=past, user__display_name="Sietske Host").user

    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, asker)
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Community"
        ).click()
    seen(page, "community index")
    click(page, "Directory of city teams")
    seen(page, "directory")
    expect(page.locator("main")).to_contain_text("Past title city")
    click(page, "Peer requests")
    click(page, "Ask a team")
    seen(page, "peer request form")
    page.get_by_label("Ask the team").select_option(label="Leeuwarden 2018 team")
    page.get_by_label("A study visit").check()
    page.get_by_label("On the capacity area").select_option(index=1)
    page.get_by_label("From (optional)").fill("2027-03-01")
    page.get_by_label("Until (optional)").fill("2027-03-02")
    page.get_by_label("Your message to them").fill(
        "Could two of us visit you to see how you monitor your legacy?"
    )
    click(page, "Send the request", role="button")
    seen(page, "peer request")
    expect(page.locator("main")).to_contain_text("Waiting for an answer")

    other = new_page(viewport=size)
    add_session_cookie(other.context, live_server.url, host)
    other.goto("/community/notifications/")
    seen(other, "notifications")
    click(other, "Your team received a peer request")
    seen(other, "peer request, asked side")
    click(other, "Accept", role="button")
    expect(other.locator("main")).to_contain_text("Accepted")
    with other.expect_navigation():
        other.locator("main").get_by_role("link", name="Open the shared thread").click()
    seen(other, "shared thread")
    other.get_by_label("Your message").fill(
        "Welcome! The first week of March suits us."
    )
    click(other, "Post the reply", role="button")
    expect(other.locator("main")).to_contain_text("The first week of March suits us.")

    page.reload()
    expect(page.locator("main")).to_contain_text("Accepted")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Open the shared thread").click()
    seen(page, "shared thread, asking side")
    expect(page.locator("main")).to_contain_text("The first week of March suits us.")
