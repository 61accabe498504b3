"""A city team's capacity self-assessment in the browser (issue 14), at a
phone's width and a desktop's: a team member starts it from the team page
and answers a part; the team admin answers another, submits, reads the
result (the two profile charts with their tables, the weakest areas with
what can help and why), follows a recommendation, and shares the result
with an expert of the pool, who then opens it.

The statements of the four other parts are answered beforehand through
the service, as colleagues would have, so that the browser answers two
parts by hand and with the keyboard. Every page on the way passes axe and
``assert_no_raw_text``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.accounts.models import Membership
from ecoc_hub.assessment import services
from ecoc_hub.assessment.models import Assessment, Statement
from ecoc_hub.cities.models import CapacityArea
from tests.assessment.conftest import make_resource
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.experts.support_factories import make_pool_expert
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BY_HAND = ("C", "E")  # Cultural and artistic content; Outreach


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, role: str = "link") -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


@pytest.fixture
def team():
    team = OrganisationFactory(name="Oulu team", slug="oulu-team")
    admin = MembershipFactory(
        organisation=team, role=Membership.Role.ADMIN, user__display_name="Aino Admin"
    ).user
    member = MembershipFactory(
        organisation=team, user__display_name="Mikko Member"
    ).user
    digital = CapacityArea.objects.get(code="digital")
    make_resource(title="Digital toolkit for title cities", areas=[digital])
    expert = make_pool_expert("Elena Expert", areas=["digital"]).user
    return team, admin, member, expert


def _answer_the_other_parts(assessment: Assessment, person) -> None:
    statements = Statement.objects.filter(version=assessment.version).exclude(
        area__criterion__letter__in=BY_HAND
    )
    services.save_answers(
        assessment=assessment,
        person=person,
        changes=[services.AnswerChange(statement=s, level=4) for s in statements],
    )


def _answer_part(page: Page, letter: str, level_of: dict[str, str]) -> None:
    """Choose a level for every statement of the part, the keyboard's way
    for the first one (Tab to the group, arrows to the level)."""
    groups = page.locator("main fieldset").filter(has=page.locator("input[type=radio]"))
    count = groups.count()
    assert count >= 6, letter
    for index in range(count):
        group = groups.nth(index)
        area = group.locator("xpath=ancestor::section[1]").get_attribute(
            "aria-labelledby"
        )
        level = level_of.get((area or "").removeprefix("area-"), "3")
        radio = group.get_by_role("radio", name=f"{level}. ", exact=False).first
        if index == 0:
            group.get_by_role("radio").first.focus()
            page.keyboard.press("Space")
            for _step in range(int(level) - 1):
                page.keyboard.press("ArrowDown")
            expect(radio).to_be_checked()
        else:
            radio.check()
    click(page, "Save my answers", role="button")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_team_assesses_itself_and_shares_the_result(
    width, new_page, live_server, team
):
    team, admin, member, expert = team
    size = {"viewport": {"width": width, "height": 900}}

    # The member starts it from the team page and answers Outreach.
    page = new_page(**size)
    add_session_cookie(page.context, live_server.url, member)
    page.goto("/self-assessment/teams/oulu-team/")
    seen(page, "team's self-assessments")
    page.get_by_label("Where is your city in the ECoC cycle?").select_option(
        label="Second monitoring meeting"
    )
    click(page, "Start the self-assessment", role="button")
    seen(page, "the six parts")
    expect(page.locator("main")).to_contain_text("0 of 69 statements answered.")
    assessment = Assessment.objects.get()
    _answer_the_other_parts(assessment, admin)
    click(page, "E. Outreach")
    seen(page, "part E")
    _answer_part(page, "E", {})
    expect(page.locator("main")).to_contain_text("answers were saved.")
    # A plain member does not submit; the page says who does.
    expect(page.get_by_role("button", name="Submit the self-assessment")).to_have_count(
        0
    )
    expect(page.locator("main")).to_contain_text(
        "A team admin submits the self-assessment once every statement is answered."
    )

    # The team admin answers the artistic part, Digital approaches at 1.
    page = new_page(**size)
    add_session_cookie(page.context, live_server.url, admin)
    page.goto(assessment.get_absolute_url())
    seen(page, "the six parts, as the admin")
    click(page, "C. Cultural and artistic content")
    seen(page, "part C")
    _answer_part(page, "C", {"digital": "1"})
    expect(page.locator("main")).to_contain_text("69 of 69 statements answered.")
    click(page, "Submit the self-assessment", role="button")

    # The result: charts with their data, the weakest area with its advice.
    seen(page, "result")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Result: Second monitoring meeting"
    )
    expect(main.locator("figure svg")).to_have_count(2)
    expect(main.locator("figure table")).to_have_count(2)
    weakest = main.locator("section.recommendation-area").first
    expect(weakest.get_by_role("heading", level=3)).to_have_text(
        "Digital approaches: level 1.0"
    )
    expect(weakest).to_contain_text(
        "Toolkit to put into practice on Digital approaches."
    )
    expect(weakest).to_contain_text("1 expert of the pool works on Digital approaches.")
    expect(weakest.get_by_role("link", name="Elena Expert")).to_be_visible()
    expect(weakest).to_contain_text(
        "Works on Digital approaches, an area of the expert's profile."
    )
    with page.expect_navigation():
        weakest.get_by_role("link", name="Digital toolkit for title cities").click()
    seen(page, "the recommended toolkit")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Digital toolkit for title cities"
    )
    page.go_back()

    # Share it with the expert (the chooser, by typing part of the name).
    click(page, "Share the result with experts")
    seen(page, "share")
    box = page.get_by_role("combobox", name="Experts who may see the result")
    box.click()
    box.press_sequentially("Ele")
    page.get_by_role("option", name="Elena Expert", exact=True).click()
    click(page, "Save who can see the result", role="button")
    seen(page, "result, shared")
    expect(page.locator("main")).to_contain_text("Shared with: Elena Expert")
    assert list(Assessment.objects.get().shared_with.all()) == [expert]

    # The expert finds it on the self-assessment page and opens it.
    page = new_page(**size)
    add_session_cookie(page.context, live_server.url, expert)
    page.goto("/self-assessment/")
    seen(page, "the expert's self-assessment page")
    click(page, "Oulu team: Second monitoring meeting")
    seen(page, "the result, as the expert")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Result: Second monitoring meeting"
    )
    expect(
        page.get_by_role("link", name="Share the result with experts")
    ).to_have_count(0)
