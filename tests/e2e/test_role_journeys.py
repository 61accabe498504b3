"""A journey per role, clicked and typed through as a person would, at a
phone's width and a desktop's (issue 9, "Tests").

Each journey opens the home page once and then only clicks and types: a link
that arrives by e-mail is the one exception, opened as a person opens it from
their mail. Every page on the way passes axe and ``assert_no_raw_text``; the
pages of members, team admins and curators are read again in French and
German (switched with the header's language menu), where no English string
the catalogues translate may remain.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyotp
import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import (
    Mailbox,
    assert_accessible,
    assert_no_raw_text,
    check_page,
    load_icons,
    local_path,
)
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [390, 1280]
NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's rate limits and e-mail cooldowns live in the cache: the same
    journey at the second width must not be taken for a second attempt."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request) -> int:
    return request.param


def at_width(page: Page, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 900})
    return page


def seen(page: Page, where: str) -> None:
    """What every page of a journey passes: axe and no raw text."""
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en", where
    assert_accessible(page, where)


def switch_language(page: Page, code: str) -> None:
    """With the header's language menu, as a person does."""
    page.locator("#language-select").select_option(code)
    with page.expect_navigation():
        page.locator(".lang-switch button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == code


def read_in_french_and_german(
    page: Page, where: str, again: Callable[[], None] | None = None
) -> None:
    """The page again in French and in German: nothing raw, no English left.
    ``again`` brings back a page that a form's answer drew (the language menu
    lands on the page's address, so a form error is made again)."""
    seen(page, where)
    for code in ("fr", "de"):
        switch_language(page, code)
        if again:
            again()
        page.wait_for_load_state()
        assert_no_raw_text(page, f"{where} in {code}")
    switch_language(page, "en")
    if again:
        again()


def click(page: Page, name: str, *, within: str = "main", role: str = "link") -> None:
    with page.expect_navigation():
        page.locator(within).get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


def open_staff_menu(page: Page, entry: str) -> None:
    page.locator(".staff-menu summary").click()
    click(page, entry, within=".staff-menu")


def submit_form_of(page: Page, field: str) -> None:
    with page.expect_navigation():
        page.locator(f"form:has([name={field}]) [type=submit]").first.click()


def sign_in(page: Page, email: str, password: str) -> None:
    page.locator("#id_login, input[name=login]").first.fill(email)
    page.locator("input[name=password]").fill(password)
    submit_form_of(page, "password")


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator(".user-nav form button[type=submit]").click()
    if page.locator("main form button[type=submit]").count():  # allauth asks
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    expect(page.locator(".user-nav")).to_contain_text("Log in")


# --- the visitor --------------------------------------------------------------


def test_visitor_browses_from_a_title_to_a_podcast_and_meets_a_members_page(
    page: Page, width: int
):
    from ecoc_hub.cities.models import CapacityArea, Title

    at_width(page, width)
    member = data.member()
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    area = CapacityArea.objects.order_by("position").first()
    assert area is not None
    public = data.resource(owner=member, title="Volunteer programmes of Oulu")
    secret = data.resource(
        owner=member, title="Members' notes on the Oulu volunteers", access="members"
    )
    episode = data.episode()
    episode.titles.add(oulu)
    episode.capacity_areas.add(area)
    episode.show_notes = (
        "How **volunteers** shape a title year. The members wrote "
        f"[notes on the volunteers]({secret.get_absolute_url()})."
    )
    episode.save(update_fields=["show_notes"])

    page.goto("/")
    seen(page, "the home page")
    click(page, "Cities", within=".main-nav")
    seen(page, "the directory")
    click(page, "Oulu")
    expect(page.locator("main h1")).to_have_text("Oulu 2026")
    seen(page, "a title-year page")
    click(page, "Oulu")
    expect(page.locator("main h1")).to_have_text("Oulu")
    seen(page, "a city page")
    # The city lists what the hub holds about it; the members' record is not
    # among what a visitor is shown.
    expect(page.locator("main")).not_to_contain_text(secret.title)
    click(page, public.title)
    seen(page, "a resource page")
    click(page, area.name)
    expect(page.locator("main h1")).to_have_text(area.name)
    seen(page, "a capacity-area page")
    click(page, episode.title)
    seen(page, "an episode page")

    # The episode plays, and its captions come from the transcript.
    player = page.locator("#player")
    expect(player.locator("track[kind=captions]")).to_have_count(1)
    page.wait_for_function(
        "() => document.getElementById('player').readyState >= 1", timeout=10_000
    )
    page.evaluate("() => document.getElementById('player').play()")
    page.wait_for_function(
        "() => document.getElementById('player').currentTime > 0.3", timeout=10_000
    )
    cues = page.evaluate(
        """() => { const track = document.getElementById('player').textTracks[0];
          track.mode = 'showing';
          return [...(track.cues || [])].map((cue) => cue.text); }"""
    )
    assert cues[0].endswith("Welcome to the podcast about capitals of culture."), cues
    assert len(cues) == 3, cues

    # The show notes link to the members' record: a visitor is told it is for
    # members, without its title, and signing in brings them back to it.
    click(page, "notes on the volunteers")
    expect(page.locator("main h1")).to_have_text("This page is for signed-in members")
    expect(page.locator("body")).not_to_contain_text(secret.title)
    seen(page, "the members-only refusal")
    click(page, "Sign in to continue")
    seen(page, "the sign-in page")
    sign_in(page, member.email, PASSWORD)
    assert page.url.endswith(secret.get_absolute_url()), page.url
    expect(page.locator("main h1")).to_have_text(secret.title)
    seen(page, "the members' record, signed in")


# --- the member and their team admin -------------------------------------------


def test_member_signs_up_joins_their_city_team_and_downloads_their_data(
    page: Page, new_page, mailbox: Mailbox, width: int, tmp_path: Path
):
    from ecoc_hub.accounts.models import JoinRequest, Membership, User
    from ecoc_hub.cities.models import Title

    team = OrganisationFactory(
        name="Oulu2026 delivery team",
        slug="oulu2026",
        title=Title.objects.get(year=2026, city__name="Oulu"),
    )
    team_admin = UserFactory(email="tia@example.org", display_name="Tia Teamadmin")
    MembershipFactory(organisation=team, user=team_admin, role="admin")

    # Signing up asks for a display name; the confirmation arrives by e-mail.
    at_width(page, width)
    page.goto("/")
    click(page, "Sign up", within=".user-nav")
    seen(page, "the sign-up page")
    page.locator("input[name=email]").fill("mika@example.org")
    page.locator("input[name=display_name]").fill("Mika Member")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    submit_form_of(page, "password2")
    read_in_french_and_german(page, "the 'check your e-mail' page")
    [confirm] = mailbox.links("mika@example.org", "/confirm-email/")
    page.goto(local_path(confirm))  # the link in the mail
    read_in_french_and_german(page, "the e-mail confirmation page")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if page.locator(".user-nav").get_by_text("Log in").count():
        click(page, "Log in", within=".user-nav")
        sign_in(page, "mika@example.org", NEW_PASSWORD)
    else:
        click(page, "My hub", within=".user-nav")
    # Greeted by the name they chose.
    expect(page.locator("main")).to_contain_text("Mika Member")
    read_in_french_and_german(page, "the member's hub")

    # They find their city team and ask to join.
    click(page, "Find my city team")
    read_in_french_and_german(page, "the team finder")
    page.get_by_label("City, team or year").fill("Oulu")
    with page.expect_navigation():
        page.get_by_role("button", name="Find a team").click()
    click(page, "Oulu2026 delivery team")
    read_in_french_and_german(page, "a team page, before asking")
    page.get_by_label("Message to the team admins (optional)").fill(
        "I coordinate the volunteers."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Ask to join").click()
    expect(page.locator(".messages")).to_contain_text(
        "Your request to join Oulu2026 delivery team was sent."
    )
    expect(page.get_by_role("button", name="Withdraw my request")).to_be_visible()
    check_page(page, "a team page, request pending")
    read_in_french_and_german(page, "a team page, request pending")
    assert [m.subject for m in mailbox.to("tia@example.org")] == [
        "[ECoC Hub] Mika Member asks to join Oulu2026 delivery team"
    ]

    # The team admin signs in, opens the team from their hub and accepts.
    admin = at_width(new_page(), width)
    admin.goto("/")
    click(admin, "Log in", within=".user-nav")
    sign_in(admin, "tia@example.org", PASSWORD)
    click(admin, "My hub", within=".user-nav")
    click(admin, "Oulu2026 delivery team")
    requests = admin.locator(".join-requests")
    expect(requests).to_contain_text("Mika Member")
    expect(requests).to_contain_text("I coordinate the volunteers.")
    read_in_french_and_german(admin, "the team page, as its admin, a request waiting")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Accept Mika Member").click()
    expect(
        admin.get_by_text("Mika Member is now a member of the team.")
    ).to_be_visible()
    expect(admin.get_by_text("Nobody is waiting to join.")).to_be_visible()
    read_in_french_and_german(admin, "the team page, as its admin, request accepted")
    member = User.objects.get(email="mika@example.org")
    assert JoinRequest.objects.get().status == "accepted"
    assert Membership.objects.get(user=member).organisation == team
    assert [m.subject for m in mailbox.to("mika@example.org")][-2:] == [
        "[ECoC Hub] Your request to join Oulu2026 delivery team",
        "[ECoC Hub] Welcome to Oulu2026 delivery team",
    ]

    # The member sees the team with themselves in it, then takes their data.
    page.reload()
    members = page.locator("section[aria-labelledby=members-heading]")
    expect(members).to_contain_text("Mika Member")
    expect(members).to_contain_text("Tia Teamadmin")
    seen(page, "the team page, as a new member")
    # They had deposited a PDF earlier: it comes back to them in a ZIP.
    draft = data.resource(owner=member, state="draft", title="Our volunteer plan")
    click(page, "My hub", within=".user-nav")
    click(page, "E-mail preferences and my data")
    read_in_french_and_german(page, "the privacy page")
    with page.expect_download() as download_info:
        page.locator("#download-data").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert re.fullmatch(r"ecoc-hub-my-data-\d{4}-\d{2}-\d{2}\.json", target.name)
    exported = json.loads(target.read_text(encoding="utf-8"))
    text = json.dumps(exported)
    assert "mika@example.org" in text
    assert "Mika Member" in text
    assert "Oulu2026 delivery team" in text
    assert "I coordinate the volunteers." in text
    assert NEW_PASSWORD not in text

    with page.expect_download() as download_info:
        page.locator("#download-files").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert re.fullmatch(r"ecoc-hub-my-files-\d{4}-\d{2}-\d{2}\.zip", target.name)
    pdf = f"library/{draft.uuid}/v1-volunteers.pdf"
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [pdf, "manifest.json"]
        assert archive.read(pdf).startswith(b"%PDF-")
        manifest = json.loads(archive.read("manifest.json"))
    assert [(f["path"], f["resource_title"]) for f in manifest["files"]] == [
        (pdf, "Our volunteer plan")
    ]


# --- the curator ----------------------------------------------------------------


def authenticator_code(secret: str) -> str:
    """What an authenticator app shows now (pyotp, not the site's own code);
    a code about to expire is not typed: the next one is waited for."""
    import time

    totp = pyotp.TOTP(secret)
    if totp.interval - time.time() % totp.interval < 3:
        time.sleep(totp.interval - time.time() % totp.interval + 0.1)
    return totp.now()


def test_curator_made_by_createadmin_sets_up_two_factor_and_moderates(
    page: Page, width: int, server_requests, mailbox: Mailbox
):
    from allauth.mfa.models import Authenticator

    from ecoc_hub.accounts.models import User
    from ecoc_hub.library.models import Resource

    call_command(
        "createadmin",
        "--email",
        "ada@example.org",
        "--password",
        PASSWORD,
        "--no-input",
        stdout=io.StringIO(),
    )
    contributor = data.member("mia@example.org")
    submission = data.resource(
        owner=contributor, state="submitted", title="Audience surveys in Oulu"
    )

    at_width(page, width)
    page.goto("/")
    click(page, "Log in", within=".user-nav")
    sign_in(page, "ada@example.org", PASSWORD)
    # A curator without a second factor is sent to set one up (allauth asks
    # for the password again before a new one).
    if page.locator("main input[name=password]").count():
        seen(page, "the password again")
        page.locator("main input[name=password]").fill(PASSWORD)
        submit_form_of(page, "password")
    expect(page.locator("#authenticator_secret")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    # The tab's icon is fetched while the person reaches for their phone; it
    # must neither fail nor replace the secret.
    assert load_icons(page) == {
        "/favicon.ico": 48,
        "/icon.svg": 64,
        "/apple-touch-icon.png": 180,
    }
    favicon = [r for r in server_requests if r["path"] == "/favicon.ico"]
    assert favicon[-1] == {"path": "/favicon.ico", "dest": "image", "mode": "no-cors"}
    read_in_french_and_german(page, "the two-factor set-up page")
    assert page.locator("#authenticator_secret").input_value() == secret

    # The first code typed is accepted.
    page.locator("input[name=code]").fill(authenticator_code(secret))
    submit_form_of(page, "code")
    admin = User.objects.get(email="ada@example.org")
    assert Authenticator.objects.filter(
        user=admin, type=Authenticator.Type.TOTP
    ).exists(), page.locator("main").inner_text()
    seen(page, "the page after setting up two-factor sign-in")

    # Signing in again asks for a code.
    sign_out(page)
    click(page, "Log in", within=".user-nav")
    sign_in(page, "ada@example.org", PASSWORD)
    expect(page.locator("input[name=code]")).to_be_visible()
    read_in_french_and_german(page, "the two-factor code page")
    code = authenticator_code(secret)
    page.locator("input[name=code]").fill(code)
    submit_form_of(page, "code")
    expect(page.locator(".user-nav")).to_contain_text("My hub")

    # The moderation queue, from the menu.
    open_staff_menu(page, "Moderation queue")
    expect(page.locator("main")).to_contain_text(submission.title)
    read_in_french_and_german(page, "the moderation queue")
    click(page, submission.title)
    read_in_french_and_german(page, "a submission's review page")

    # Rejecting needs a comment: without one, the field says so.
    def reject_without_comment() -> None:
        with page.expect_navigation():
            page.locator("button[name=action][value=reject]").click()
        comment = page.locator("textarea[name=comment]")
        expect(comment).to_have_attribute("aria-invalid", "true")
        described = comment.get_attribute("aria-describedby") or ""
        errors = " ".join(
            page.locator(f"[id='{ident}']").inner_text() for ident in described.split()
        )
        assert errors.strip(), "no error message tied to the comment field"

    reject_without_comment()
    read_in_french_and_german(
        page,
        "the review page, a rejection without comment",
        again=reject_without_comment,
    )
    assert Resource.objects.get(pk=submission.pk).state == "submitted"
    page.locator("textarea[name=comment]").fill(
        "Le document ne concerne pas une Capitale européenne de la culture."
    )
    with page.expect_navigation():
        page.locator("button[name=action][value=reject]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(submission.title)
    seen(page, "the moderation queue after a rejection")
    assert Resource.objects.get(pk=submission.pk).state == "rejected"
    assert any(
        "Le document ne concerne pas" in m.body for m in mailbox.to("mia@example.org")
    )

    # The other management pages of the menu.
    open_staff_menu(page, "Reported resources")
    read_in_french_and_german(page, "the reported resources")
    open_staff_menu(page, "Manage podcasts")
    read_in_french_and_german(page, "the podcast management page")
    click(page, "New show")
    read_in_french_and_german(page, "the new show form")
    click(page, "My hub", within=".user-nav")
    click(page, "Find my city team")
    click(page, "Create a team")
    read_in_french_and_german(page, "the team creation form")
