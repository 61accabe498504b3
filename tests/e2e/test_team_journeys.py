"""Joining a city team, clicked through in Chromium at phone and desktop widths:
a member finds their team and asks to join, a team admin accepts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Mailbox, add_session_cookie, check_page, local_path
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_member_asks_to_join_and_team_admin_accepts(
    page: Page, new_page, mailbox: Mailbox, live_server, width
):
    from ecoc_hub.accounts.models import JoinRequest, Membership
    from ecoc_hub.cities.models import Title

    team = OrganisationFactory(
        name="Oulu2026 delivery team",
        slug="oulu2026",
        title=Title.objects.get(year=2026, city__name="Oulu"),
    )
    team_admin = UserFactory(email="tia@example.org", display_name="Tia Teamadmin")
    MembershipFactory(organisation=team, user=team_admin, role="admin")
    member = UserFactory(
        email="mika@example.org", display_name="Mika Member", visibility="members"
    )
    viewport = {"width": width, "height": 900}

    # The member finds the team from their hub and asks to join.
    page.set_viewport_size(viewport)
    add_session_cookie(page.context, live_server.url, member)
    page.goto(reverse("accounts:dashboard"))
    page.get_by_role("link", name="Find my city team").click()
    page.get_by_label("City, team or year").fill("Oulu")
    page.get_by_role("button", name="Find a team").click()
    page.get_by_role("link", name="Oulu2026 delivery team").click()
    expect(page.get_by_role("heading", name="Join this team")).to_be_visible()
    check_page(page, "team page, before asking")
    page.get_by_label("Message to the team admins (optional)").fill(
        "I coordinate the volunteers."
    )
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator(".messages")).to_contain_text(
        "Your request to join Oulu2026 delivery team was sent."
    )
    expect(page.get_by_role("button", name="Withdraw my request")).to_be_visible()
    check_page(page, "team page, request pending")
    assert [m.subject for m in mailbox.to("tia@example.org")] == [
        "[ECoC Hub] Mika Member asks to join Oulu2026 delivery team"
    ]

    # The team admin follows the link in the e-mail and accepts.
    admin_page = new_page(viewport=viewport)
    add_session_cookie(admin_page.context, live_server.url, team_admin)
    link = mailbox.links("tia@example.org", path_contains="/me/teams/oulu2026/")[0]
    admin_page.goto(local_path(link))
    requests = admin_page.locator(".join-requests")
    expect(requests).to_contain_text("Mika Member")
    expect(requests).to_contain_text("I coordinate the volunteers.")
    check_page(admin_page, "team page, as team admin with a pending request")
    admin_page.get_by_role("button", name="Accept Mika Member").click()
    expect(
        admin_page.get_by_text("Mika Member is now a member of the team.")
    ).to_be_visible()
    expect(admin_page.get_by_text("Nobody is waiting to join.")).to_be_visible()

    assert JoinRequest.objects.get().status == "accepted"
    assert Membership.objects.get(user=member).organisation == team
    assert [m.subject for m in mailbox.to("mika@example.org")] == [
        "[ECoC Hub] Your request to join Oulu2026 delivery team",
        "[ECoC Hub] Welcome to Oulu2026 delivery team",
    ]

    # The member now sees the team, with themselves in it, and no join form.
    page.reload()
    members = page.locator("section[aria-labelledby=members-heading]")
    expect(members).to_contain_text("Mika Member")
    expect(members).to_contain_text("Tia Teamadmin")
    expect(page.get_by_role("heading", name="Join this team")).to_have_count(0)
    check_page(page, "team page, as a new member")
