"""A city team asks the expert pool for help (issue 13), at a phone's width
and a desktop's: a team member opens "Experts" in the header, browses the
pool filtered by capacity area, opens an expert's profile, writes a support
request, submits it, reads the proposed experts with the reasons of each
score, and invites the best one; the expert finds the invitation from their
pool profile and accepts it; the team sees the agreed assignment.

Each person opens the home page once and then only clicks and types. Every
page on the way passes axe and ``assert_no_raw_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ecoc_hub.experts import pool_services
from ecoc_hub.experts.enums import EcocRole
from ecoc_hub.experts.models import SupportAssignment, SupportRequest
from ecoc_hub.experts.pool_models import PoolExpert
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.experts.support_factories import join, make_pool_expert, make_team, title
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, within: str = "main", role: Any = "link") -> None:
    with page.expect_navigation():
        page.locator(within).get_by_role(role, name=name, exact=True).first.click()


@pytest.fixture
def pool():
    today = timezone.localdate()
    ana = make_pool_expert(
        "Ana Ionescu",
        areas=["audience-development"],
        profiles=["audience"],
        languages=[("ro", "C1"), ("en", "C2")],
        experience=[(title("Timișoara", 2023), EcocRole.DELIVERY_TEAM)],
        text="Audience development plans for festivals in the districts.",
        country="RO",
    )
    pool_services.set_availability(
        entry=PoolExpert.objects.get(expert=ana),
        periods=[(today, today + dt.timedelta(days=200), "")],
    )
    make_pool_expert("Bruno Ferrante", areas=["artistic-programming"], country="IT")
    return ana


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_a_team_asks_for_support_invites_a_proposed_expert_who_accepts(
    page: Page, new_page, live_server, pool, width
):
    ana = pool
    team = make_team("Timișoara 2023 team (test)", city="Timișoara", year=2023)
    member = join(team, UserFactory(display_name="Mara Member"))
    size = {"width": width, "height": 900}
    today = timezone.localdate()

    # The member browses the pool from the header.
    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, member)
    page.goto("/")
    click(page, "Experts", within="header")
    seen(page, "pool")
    page.get_by_label("Capacity area").select_option(label="Audience development")
    click(page, "Show experts", role="button")
    expect(page.locator(".result-count")).to_have_text("1 expert found")
    click(page, "Ana Ionescu")
    seen(page, "expert profile")
    expect(page.get_by_label("Your message")).to_be_visible()

    # It writes a support request and submits it.
    page.go_back()
    click(page, "Support requests")
    seen(page, "support requests")
    click(page, "Ask for support")
    seen(page, "request form")
    page.get_by_label("Title").fill("Reaching audiences in the districts")
    page.get_by_label("The need, in your own words").fill(
        "Our festivals reach the centre only; we want audiences in the districts."
    )
    page.get_by_label("Written in").select_option("en")
    page.get_by_role("group", name="Capacity areas (required)").get_by_label(
        "Audience development"
    ).check()
    box = page.get_by_role("combobox", name="Working languages")
    box.click()
    box.press_sequentially("Roma")
    page.get_by_role("listbox", name="Working languages").get_by_role(
        "option", name="Romanian", exact=True
    ).click()
    page.get_by_role("textbox", name="From (required)").fill(
        (today + dt.timedelta(days=30)).isoformat()
    )
    page.get_by_role("textbox", name="Until (required)").fill(
        (today + dt.timedelta(days=60)).isoformat()
    )
    click(page, "Save the draft", role="button")
    seen(page, "draft request")
    click(page, "Submit and look for experts", role="button")
    request = SupportRequest.objects.get(team=team)
    assert request.state == SupportRequest.State.SUBMITTED
    assert request.languages == ["ro"]

    # The proposed experts, each score explained line by line.
    click(page, "See the proposed experts")
    seen(page, "proposed experts")
    first = page.locator(".match-list > li").first
    expect(first.get_by_role("heading")).to_have_text("Ana Ionescu")
    expect(first).to_contain_text("Audience development: capacity area match")
    expect(first).to_contain_text("speaks Romanian (C1)")
    expect(first).to_contain_text("worked for Timișoara 2023")
    expect(first).to_contain_text("available over all the requested dates")
    click(page, "Invite Ana Ionescu", role="button")
    assignment = SupportAssignment.objects.get(request=request)
    assert (assignment.expert, assignment.state) == (ana, "invited")
    seen(page, "invited")

    # The expert finds the invitation from their pool profile and accepts.
    expert = new_page(viewport=size)
    add_session_cookie(expert.context, live_server.url, ana.user)
    expert.goto("/")
    click(expert, "Experts", within="header")
    click(expert, "My profile in the pool")
    seen(expert, "my pool profile")
    click(expert, "My invitations")
    seen(expert, "invitations")
    click(expert, "Reaching audiences in the districts")
    seen(expert, "invitation")
    click(expert, "Accept the invitation", role="button")
    assignment.refresh_from_db()
    assert assignment.state == SupportAssignment.State.AGREED
    seen(expert, "accepted")

    # The team sees the agreed work next to the expert it invited.
    page.reload()
    expect(page.locator(".match-list > li").first).to_contain_text("Invited: Agreed")
    seen(page, "proposed experts, one agreed")
