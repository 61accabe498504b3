"""The library journey of issue 3: a member deposits a PDF, a curator
approves it, a visitor finds it by a word that is only inside the PDF, and
the viewer opens at the page where the word is."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Mailbox, add_session_cookie, check_page
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A made-up word: it appears on page 3 of the PDF and nowhere else.
HIDDEN_WORD = "zephyrantholith"
TITLE = "Volunteer programmes of the Baltic title years"


def three_page_pdf() -> bytes:
    from ecoc_hub.core.pdf import build_pdf

    return build_pdf(
        [
            "How volunteers welcomed visitors in Tartu and Kaunas.",
            "Recruitment, training and the first weeks of the programme.",
            f"The {HIDDEN_WORD} method of pairing volunteers with local guides.",
        ],
        title=TITLE,
    )


def test_deposit_approval_search_inside_the_pdf_and_viewer_at_the_page(
    page: Page, new_page, login_as, live_server, mailbox: Mailbox
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from ecoc_hub.library.models import Resource

    member = UserFactory(email="mia@example.org", display_name="Mia Member")
    curator = UserFactory(
        email="cora@example.org", display_name="Cora Curator", roles=["curator"]
    )
    TOTP.activate(curator, generate_totp_secret())
    login_as(member)

    # Step 1: the description.
    page.goto(reverse("library:deposit"))
    check_page(page, "deposit step 1 (description)")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=abstract]").fill("Lessons from two volunteer programmes.")
    page.locator("[name=resource_type]").select_option("case_study")
    page.locator("[name=publication_year]").fill("2024")
    page.locator("[name=creators]").fill("Mia Member")
    languages = page.get_by_role("combobox", name="Languages")
    languages.fill("Engl")
    page.get_by_role("listbox", name="Languages").get_by_role(
        "option", name="English", exact=True
    ).click()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()
    resource = Resource.objects.get(title=TITLE)
    assert resource.state == Resource.State.DRAFT
    assert page.url.endswith(reverse("library:deposit_files", args=[resource.uuid]))

    # Step 2: the file.
    check_page(page, "deposit step 2 (files)")
    page.locator("input[type=file][name=file]").set_input_files(
        files=[
            {
                "name": "volunteers.pdf",
                "mimeType": "application/pdf",
                "buffer": three_page_pdf(),
            }
        ]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    expect(page.locator(".file-list")).to_contain_text("volunteers.pdf")
    page.get_by_role("link", name="Continue to licence and access").click()
    page.wait_for_load_state()

    # Step 3: licence and access.
    check_page(page, "deposit step 3 (licence and access)")
    page.locator("input[name=licence][value='cc-by-4.0']").check()
    page.locator("input[name=access][value=public]").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()

    # Step 4: review and submit.
    assert page.url.endswith(reverse("library:deposit_review", args=[resource.uuid]))
    check_page(page, "deposit step 4 (review)")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    resource.refresh_from_db()
    assert resource.state == Resource.State.SUBMITTED

    # A visitor cannot find it before a curator approves it.
    visitor = new_page()
    visitor.goto(reverse("library:list") + f"?q={HIDDEN_WORD}")
    expect(visitor.locator("main")).not_to_contain_text(TITLE)

    # The curator approves it from the moderation queue.
    curator_page = new_page()
    add_session_cookie(curator_page.context, live_server.url, curator)
    curator_page.goto(reverse("library:moderation"))
    check_page(curator_page, "the moderation queue")
    curator_page.locator("main").get_by_role("link", name=TITLE).click()
    curator_page.wait_for_load_state()
    check_page(curator_page, "the moderation page of a resource")
    curator_page.get_by_role("button", name="Approve and publish").click()
    curator_page.wait_for_load_state()
    resource.refresh_from_db()
    assert resource.state == Resource.State.PUBLISHED
    assert len(mailbox.to("mia@example.org")) == 1

    # A visitor searches for the word that is only on page 3 of the PDF.
    visitor.goto(reverse("library:list"))
    visitor.locator(
        "main form[role=search] input[name=q], main input[name=q]"
    ).first.fill(HIDDEN_WORD)
    visitor.locator("main input[name=q]").first.press("Enter")
    visitor.wait_for_load_state()
    results = visitor.locator("main li:has(h3)")
    expect(results).to_have_count(1)
    expect(results.first.locator("h3")).to_have_text(TITLE)
    expect(results.first.locator("mark")).to_contain_text([HIDDEN_WORD])
    check_page(visitor, "the library search results")
    passage_link = results.first.locator("a[href*='#page=']")
    expect(passage_link).to_have_count(1)
    expect(passage_link).to_contain_text("3")
    passage_link.click()
    visitor.wait_for_load_state()

    # The viewer opens the PDF at page 3.
    assert visitor.url.endswith("#page=3"), visitor.url
    expect(visitor.locator("#pdf-canvas")).to_have_attribute(
        "data-page", "3", timeout=20_000
    )
    expect(visitor.locator("#pdf-page")).to_have_value("3")
    expect(visitor.locator("#pdf-count")).to_have_text("3")
    expect(visitor.locator("#pdf-text")).to_contain_text(HIDDEN_WORD)
    check_page(visitor, "the PDF viewer")

    # The resource page itself is published and links to its file.
    visitor.goto(resource.get_absolute_url())
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    check_page(visitor, "the resource page")

    # The contributor sees the decision on their dashboard (issue 3).
    page.goto(reverse("accounts:dashboard"))
    row = page.locator("main li, main tr").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Published")
