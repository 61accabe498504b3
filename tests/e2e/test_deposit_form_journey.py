"""Issue 9.6 in a real browser: a member deposits a resource by clicking and
typing only. The type is chosen from a list with no default; languages,
countries and the title city are found by typing their names; a forgotten
type brings the error summary and the chosen file is kept; fixed, the draft
goes through the steps to submission. At 390 px and 1280 px; axe stays clean
and no raw value is shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import assert_accessible, check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Harbour volunteers of Valletta"


def _pdf() -> bytes:
    from ecoc_hub.core.pdf import build_pdf

    return build_pdf(["How volunteers welcomed visitors at the harbour."], title=TITLE)


def _choose(page: Page, field: str, typed: str, option: str) -> None:
    """Type a few letters into a chooser and click the option offered."""
    box = page.get_by_role("combobox", name=field)
    box.click()
    box.press_sequentially(typed)
    page.get_by_role("listbox", name=field).get_by_role(
        "option", name=option, exact=True
    ).click()
    expect(box).to_have_value("")


@pytest.mark.parametrize("width", [390, 1280])
def test_member_deposits_by_name_and_keeps_the_file_through_an_error(
    page: Page, login_as, width
):
    from ecoc_hub.library.models import Resource

    page.set_viewport_size({"width": width, "height": 900})
    login_as(data.member())
    pdf = _pdf()

    page.goto("/")
    page.locator("header").get_by_role("link", name="Library", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Contribute a resource").click()
    page.wait_for_load_state()

    # The step bar reads as steps.
    steps = page.get_by_role("navigation", name="Steps")
    expect(steps.locator("[aria-current=step]")).to_have_text(
        "Step 1 of 4: Description"
    )
    expect(steps.locator("ol > li")).to_have_count(4)
    check_page(page, "deposit step 1, empty")

    # The type has no default: "Choose a type" until the person picks one.
    type_select = page.get_by_role("combobox", name="Type")
    expect(type_select).to_have_value("")
    page.get_by_role("textbox", name="Title").fill(TITLE)
    page.get_by_role("spinbutton", name="Publication year").fill("2018")
    page.get_by_role("textbox", name="Creators").fill("Valletta 2018 (organisation)")

    # Languages, countries and the city by typing their names.
    _choose(page, "Languages", "engl", "English")
    box = page.get_by_role("combobox", name="Languages")
    box.press_sequentially("malt")
    expect(page.get_by_role("listbox", name="Languages")).to_be_visible()
    assert_accessible(page, "deposit step 1, the language list open")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "chooser-1-option-0")
    box.press("Enter")
    expect(
        page.get_by_role("group", name="Languages").locator(".chip span")
    ).to_have_text(["English", "Maltese"])
    _choose(page, "Countries", "malt", "Malta")
    _choose(page, "Title cities", "vallet", "Valletta 2018")
    # A chip removed with its button, then chosen again.
    page.get_by_role("button", name="Remove Malta").click()
    expect(page.get_by_role("group", name="Countries").locator(".chip")).to_have_count(
        0
    )
    _choose(page, "Countries", "malt", "Malta")

    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "harbour.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()

    # The forgotten type: a summary at the top, the file kept, the choices too.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Type: This field is required.").click()
    expect(type_select).to_be_focused()
    expect(page.locator(".staged-file")).to_contain_text(
        "Already uploaded: harbour.pdf"
    )
    expect(
        page.get_by_role("group", name="Languages").locator(".chip span")
    ).to_have_text(["English", "Maltese"])
    check_page(page, "deposit step 1 with an error")
    assert Resource.objects.filter(title=TITLE).count() == 0

    type_select.select_option(label="Case study")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()

    resource = Resource.objects.get(title=TITLE)
    assert (resource.resource_type, resource.languages, resource.countries) == (
        "case_study",
        ["en", "mt"],
        ["MT"],
    )
    assert [str(t) for t in resource.titles.all()] == ["Valletta 2018"]
    assert [f.original_name for f in resource.files.all()] == ["harbour.pdf"]

    # Step 2: the file is there; "Remove" is a secondary action.
    expect(steps.locator("[aria-current=step]")).to_have_text("Step 2 of 4: Files")
    expect(page.locator(".file-list")).to_contain_text("harbour.pdf")
    remove = page.get_by_role("button", name="Remove harbour.pdf")
    assert "button-secondary" in (remove.get_attribute("class") or "")
    upload = page.get_by_role("button", name="Upload", exact=True)
    background = "el => getComputedStyle(el).backgroundColor"
    assert remove.evaluate(background) == "rgba(0, 0, 0, 0)"  # outlined
    assert upload.evaluate(background) != "rgba(0, 0, 0, 0)"  # the primary, filled
    check_page(page, "deposit step 2")
    page.get_by_role("link", name="Continue to licence and access").click()
    page.wait_for_load_state()

    page.get_by_label("CC BY 4.0", exact=True).check()
    page.get_by_label("Public: anyone", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()
    check_page(page, "deposit step 4")
    expect(page.locator("main")).to_contain_text("English, Maltese")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    resource.refresh_from_db()
    assert resource.state == Resource.State.SUBMITTED


def test_city_names_are_offered_in_the_readers_language(
    page: Page, login_as, live_server
):
    page.set_viewport_size({"width": 390, "height": 900})
    login_as(data.member())
    page.context.add_cookies(
        [{"name": "ecoc_hub_language", "value": "de", "url": live_server.url}]
    )
    page.goto("/library/contribute/")

    box = page.get_by_role("combobox", name="Titelstädte")
    box.press_sequentially("lisb")  # the English name finds it too
    listbox = page.get_by_role("listbox", name="Titelstädte")
    expect(listbox.get_by_role("option")).to_have_text(["Lissabon 1994"])
    assert_accessible(page, "the title city list open, in German")
    box.press("Enter")
    expect(
        page.get_by_role("group", name="Titelstädte").locator(".chip span")
    ).to_have_text(["Lissabon 1994"])
    languages = page.get_by_role("combobox", name="Sprachen")
    languages.press_sequentially("franz")
    expect(
        page.get_by_role("listbox", name="Sprachen").get_by_role("option")
    ).to_have_text(["Französisch"])
