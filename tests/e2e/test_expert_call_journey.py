"""A call for experts from application to a completed assignment (issue 13),
at a phone's width and a desktop's.

1. An expert who reads the site in French finds the open call from the
   header's "Experts", fills in the application in the browser (typing,
   choosing, a real PDF CV) and submits it; the call manager puts a reviewer
   on the panel and confirms the one-click assignment; the reviewer opens
   "My reviews", reads the application without the applicant's name, scores
   it and submits; the manager drafts the acceptance on the ranking and sends
   the round's decisions; the expert reads the acceptance (the e-mail is in
   French) and finds their new pool profile.
2. A team and an expert who agreed on an assignment (the invitation itself
   is the journey of test_expert_support_journey.py): the team starts the
   work, the expert reports in the thread, the team marks it completed, both
   sides rate it, and the team's pages show the completed work with its
   feedback, on the city's page too once the team agrees.

Each person opens the home page once and then only clicks and types. Every
page on the way passes axe and ``assert_no_raw_text`` (on the French pages,
no English string the catalogues translate).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from ecoc_hub.experts import support_services
from ecoc_hub.experts.enums import Profile
from ecoc_hub.experts.models import Application, Review, SupportAssignment
from ecoc_hub.experts.pool_models import PoolExpert
from tests.e2e.helpers import add_session_cookie, assert_accessible, assert_no_raw_text
from tests.experts.conftest import add_categories, cv_pdf, make_call
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
)
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = "/tmp/expjourney-{}-{}.png"  # noqa: S108 - looked at, never committed


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, within: str = "main", role: Any = "link") -> None:
    """Follow a link or press a button; the page it leads to is no error page
    (an error page passes axe too)."""
    with page.expect_navigation() as navigation:
        page.locator(within).get_by_role(role, name=name, exact=True).first.click()
    response = navigation.value
    assert response is not None and response.ok, (
        f"{name}: {response and response.status}"
    )


def reload(page: Page) -> None:
    response = page.reload()
    assert response is not None and response.ok, (
        f"{page.url}: {response and response.status}"
    )


def fr(text: str) -> str:
    """What the French reader reads for an English string of the catalogues."""
    with translation.override("fr"):
        return translation.gettext(text)


def shot(page: Page, width: int, name: str) -> None:
    if width == 390:
        page.screenshot(path=SCREENSHOTS.format(name, width), full_page=True)


def open_site(new_page, live_server, user, size) -> Page:
    person = new_page(viewport=size)
    add_session_cookie(person.context, live_server.url, user)
    person.goto("/")
    return person


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_an_expert_applies_is_reviewed_blind_and_accepted_into_the_pool(
    page: Page, new_page, live_server, mailbox, width
):
    size = {"width": width, "height": 900}
    call = make_call(
        slug="experts-2026",
        title="Experts for capitals of culture 2026",
        profiles=(Profile.MANAGEMENT, Profile.AUDIENCE),
        reviewers_per_application=1,
    )
    add_categories(call)
    manager = UserFactory(display_name="Marta Manager")
    call.managers.add(manager)
    reviewer = UserFactory(display_name="Rui Reviewer", email="rui@example.org")
    applicant = UserFactory(
        display_name="Élodie Marchand",
        email="elodie@example.org",
        preferred_language="fr",
    )

    # The expert finds the open call from the header, in French.
    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, applicant)
    page.goto("/")
    click(page, fr("Experts"), within="header")
    click(page, fr("Calls for experts"))
    seen(page, "calls")
    call_card = page.locator(".card", has_text=call.title)
    expect(call_card).to_contain_text(fr("Open"))
    click(page, call.title)
    seen(page, "call")
    click(page, fr("Apply"), role="button")
    seen(page, "empty application")
    shot(page, width, "application-empty")

    # It fills in the form: typing, choosing, and a real PDF CV.
    page.get_by_label(fr("Full name")).fill("Élodie Marchand")
    page.get_by_label(fr("Country of residence")).select_option("FR")
    page.get_by_role("group", name=fr("Profiles you apply for")).get_by_label(
        fr("Management"), exact=True
    ).check()
    page.get_by_role("group", name=fr("Capacity areas of expertise")).get_by_label(
        fr("Audience development"), exact=True
    ).check()
    page.get_by_label(
        fr(
            "Years of experience in the cultural or social sector in "
            "multicultural contexts"
        )
    ).fill("9")
    page.get_by_label(fr("Years as a consultant or trainer")).fill("3")
    page.get_by_label(fr("Years in a European Capital of Culture delivery team")).fill(
        "0"
    )
    page.get_by_label(fr("Your experience and motivation")).fill(
        "Twelve years of festivals in Lyon and Marseille, with neighbourhoods."
    )
    first_language = page.get_by_role(
        "group", name=fr("Language %(number)s") % {"number": 1}
    )
    first_language.get_by_label(fr("Language"), exact=True).select_option("fr")
    first_language.get_by_label(fr("Level"), exact=True).select_option("C2")
    second_language = page.get_by_role(
        "group", name=fr("Language %(number)s") % {"number": 2}
    )
    second_language.get_by_label(fr("Language"), exact=True).select_option("en")
    second_language.get_by_label(fr("Level"), exact=True).select_option("C1")
    page.get_by_label(fr("CV (PDF)")).set_input_files(
        {
            "name": "cv-elodie.pdf",
            "mimeType": "application/pdf",
            "buffer": cv_pdf("Curriculum vitae: festivals, audiences, neighbourhoods."),
        }
    )
    page.get_by_label(fr("Availability")).fill("Quatre jours par mois, à distance.")
    page.get_by_label(
        fr(
            "I declare on my honour that the information given is true and "
            "complete, and that I will declare any conflict of interest."
        )
    ).check()
    # The live check (htmx) says the rules are met.
    expect(page.locator("#eligibility")).to_contain_text(
        fr("You meet the call's eligibility rules.")
    )
    seen(page, "filled application")
    click(page, fr("Submit application"), role="button")
    seen(page, "submitted application")
    application = Application.objects.get(call=call)
    assert application.state == Application.State.SUBMITTED
    assert application.cv_name == "cv-elodie.pdf"
    assert application.languages == [
        {"code": "fr", "level": "C2"},
        {"code": "en", "level": "C1"},
    ]
    expect(page.locator(".messages")).to_contain_text(
        fr("Your application was submitted.")
    )

    # The manager puts a reviewer on the panel and assigns in one click.
    boss = open_site(new_page, live_server, manager, size)
    click(boss, "Experts", within="header")
    click(boss, "Calls for experts")
    click(boss, call.title)
    click(boss, "Manage this call")
    seen(boss, "manage call")
    boss.get_by_label("Reviewer's e-mail address").fill("rui@example.org")
    boss.get_by_role("group", name="Profiles they review").get_by_label(
        "Management", exact=True
    ).check()
    click(boss, "Add to the panel", role="button")
    expect(boss.locator(".messages")).to_contain_text(
        "The reviewer was added to the panel."
    )
    click(boss, "Assign reviewers")
    seen(boss, "assignment proposal")
    expect(boss.locator("tbody tr")).to_have_count(1)
    expect(boss.locator("tbody tr")).to_contain_text("Rui Reviewer")
    click(boss, "Confirm 1 assignment", role="button")
    expect(boss.locator(".messages")).to_contain_text("1 assignment was made.")
    seen(boss, "manage call, assigned")
    item = Review.objects.get(application=application)
    assert item.reviewer == reviewer

    # The reviewer reads the application blind, scores it and submits.
    panel = open_site(new_page, live_server, reviewer, size)
    click(panel, "Experts", within="header")
    click(panel, "Calls for experts")
    click(panel, "My reviews")
    seen(panel, "my reviews")
    expect(panel.locator("main")).not_to_contain_text("Marchand")
    click(panel, application.reference)
    seen(panel, "review")
    shot(panel, width, "review")
    main = panel.locator("main")
    expect(main).to_contain_text("Twelve years of festivals")
    for hidden in ("Élodie", "Marchand", "elodie@example.org", "cv-elodie.pdf"):
        expect(main).not_to_contain_text(hidden)
    assert "Marchand" not in panel.content()
    for name, value in [
        ("Relevance of experience", "Excellent"),
        ("ECoC knowledge", "Good"),
        ("Languages", "Very good"),
    ]:
        panel.get_by_role("combobox", name=f"{name} (required)").select_option(
            label=value
        )
    panel.get_by_role("group", name="Overall recommendation").get_by_label(
        "Accept", exact=True
    ).check()
    panel.get_by_label("Comment for the panel").fill(
        "Strong audience work; a clear plan for the districts."
    )
    click(panel, "Submit the review", role="button")
    expect(panel.locator(".messages")).to_contain_text("Your review was submitted.")
    seen(panel, "submitted review")
    expect(main).to_contain_text("Weighted score 4.25; recommendation: Accept.")

    # The manager ranks, drafts the acceptance and sends the round's decisions.
    reload(boss)
    click(boss, "Ranking and decisions")
    seen(boss, "ranking")
    shot(boss, width, "ranking")
    row = boss.locator("tbody tr", has_text="Élodie Marchand")
    expect(row).to_contain_text("4.25")
    row.get_by_label("Decision for Élodie Marchand").select_option(label="Accept")
    click(boss, "Draft", role="button")
    seen(boss, "ranking, drafted")
    application.refresh_from_db()
    assert application.decision == "accept"
    click(boss, "Manage", within=".breadcrumbs")
    click(boss, "Send the decisions of Round 1", role="button")
    expect(boss.locator(".messages")).to_contain_text("1 decision was sent.")
    seen(boss, "decisions sent")
    application.refresh_from_db()
    assert application.state == Application.State.ACCEPTED

    # The acceptance, by e-mail in French and on the site.
    [message] = mailbox.to("elodie@example.org")
    with translation.override("fr"):
        expected = translation.gettext("Accepted: %(title)s") % {"title": call.title}
    assert message.subject.endswith(expected)
    assert fr("Hello %(name)s,") % {"name": "Élodie Marchand"} in message.body
    reload(page)
    seen(page, "accepted application")
    expect(page.locator(".badge").first).to_have_text(fr("Accepted"))

    # The expert is in the pool and edits their profile there.
    click(page, fr("Experts"), within="header")
    click(page, fr("My profile in the pool"))
    seen(page, "my pool profile")
    shot(page, width, "pool-profile")
    entry = PoolExpert.objects.get(expert__user=applicant)
    assert entry.application == application
    click(page, fr("See my public profile"))
    seen(page, "public pool profile")
    expect(page.locator("h1")).to_have_text("Élodie Marchand")


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_agreed_work_is_completed_and_rated_and_the_team_sees_it(
    page: Page, new_page, live_server, width
):
    size = {"width": width, "height": 900}
    ana = make_pool_expert("Ana Ionescu", areas=["audience-development"])
    team = make_team("Timișoara 2023 team (test)", city="Timișoara", year=2023)
    member = join(team, UserFactory(display_name="Mara Member"))
    request = make_request(
        team, member, title_text="Reaching audiences in the districts"
    )
    assignment = support_services.invite(request=request, expert=ana, actor=member)
    support_services.move(assignment=assignment, action="accept", actor=ana.user)
    assignment.refresh_from_db()
    assert assignment.state == SupportAssignment.State.AGREED

    # The team opens the agreed work and starts it.
    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, member)
    page.goto("/")
    click(page, "Experts", within="header")
    click(page, "Support requests")
    seen(page, "support requests")
    click(page, "Reaching audiences in the districts")
    seen(page, "request")
    click(page, "Ana Ionescu")
    seen(page, "agreed assignment")
    click(page, "Start the work", role="button")
    expect(page.locator(".messages")).to_contain_text("The work is now in progress.")
    seen(page, "work in progress")

    # The expert reports on the work in the thread.
    expert = open_site(new_page, live_server, ana.user, size)
    click(expert, "Experts", within="header")
    click(expert, "My profile in the pool")
    click(expert, "My invitations")
    seen(expert, "invitations")
    click(expert, "Reaching audiences in the districts")
    seen(expert, "assignment for the expert")
    expect(expert.locator("main .badge").first).to_have_text("In progress")
    expert.get_by_label("Your message").fill(
        "The audience plan for the districts is in your shared folder."
    )
    click(expert, "Send the message", role="button")
    expect(expert.locator(".messages")).to_contain_text("Your message was sent.")
    seen(expert, "thread")

    # The team reads the report, marks the work completed and rates it.
    reload(page)
    expect(page.locator(".thread")).to_contain_text("The audience plan")
    click(page, "Mark the work as completed", role="button")
    expect(page.locator(".messages")).to_contain_text("The work is completed")
    seen(page, "completed, feedback form")
    shot(page, width, "feedback-form")
    page.get_by_role("group", name="Rating").get_by_label("4: very good").check()
    page.get_by_label("Comment").fill("A clear plan, delivered on time.")
    click(page, "Send the feedback", role="button")
    expect(page.locator(".messages")).to_contain_text("Thank you for your feedback.")
    expect(page.locator("main")).to_contain_text(
        "The other side's feedback shows once both sides have given theirs."
    )
    seen(page, "team's feedback given")

    # The expert rates the team in turn.
    reload(expert)
    expect(expert.locator("main .badge").first).to_have_text("Completed")
    expert.get_by_role("group", name="Rating").get_by_label("5: excellent").check()
    expert.get_by_label("Comment").fill("A team that knows its districts.")
    click(expert, "Send the feedback", role="button")
    seen(expert, "expert's feedback given")

    # The team's pages: the completed work with both sides' feedback.
    reload(page)
    feedback = page.locator("main h2", has_text="Feedback").locator("+ ul")
    expect(feedback).to_contain_text("City team: 4 of 5 — A clear plan, delivered")
    expect(feedback).to_contain_text(
        "Expert: 5 of 5 — A team that knows its districts."
    )
    seen(page, "completed assignment with feedback")
    shot(page, width, "completed-assignment")
    click(page, "Reaching audiences in the districts", within=".breadcrumbs")
    seen(page, "request with completed work")
    expect(page.locator("main")).to_contain_text("Ana Ionescu: Completed")
    page.get_by_label("Show this support on our city's page").check()
    click(page, "Save this choice", role="button")
    seen(page, "request shown on the city's page")
    click(page, "Cities", within="header")
    click(page, "Timișoara")
    seen(page, "Timișoara 2023")
    support = page.locator("section", has_text="Support from the expert pool")
    expect(support).to_contain_text(
        "“Reaching audiences in the districts”, with Ana Ionescu"
    )
