"""The account journeys of the foundation, clicked through in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    Mailbox,
    add_session_cookie,
    check_page,
    load_icons,
    local_path,
    totp_code,
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

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def french(text: str) -> str:
    """The French of ``text``; it must differ, or the page proves nothing."""
    with translation.override("fr"):
        translated = translation.gettext(text)
    assert translated != text, f"no French translation of {text!r}"
    return translated


def submit_form_of(page: Page, field: str) -> None:
    """Submit the form that holds the input named ``field``."""
    page.locator(f"form:has([name={field}]) [type=submit]").first.click()
    page.wait_for_load_state()


def log_in(page: Page, email: str, password: str) -> None:
    page.goto(reverse("account_login"))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit_form_of(page, "password")


def log_out(page: Page) -> None:
    page.locator(".user-nav form button[type=submit]").click()
    page.wait_for_load_state()
    if page.url.endswith(reverse("account_logout")):  # allauth asks to confirm
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    expect(page.locator(".user-nav")).to_contain_text("Log in")


def test_newcomer_signs_up_confirms_logs_in_joins_a_team_and_reads_french(
    page: Page, new_page, mailbox: Mailbox, live_server
):
    from ecoc_hub.accounts.models import Membership
    from ecoc_hub.cities.models import Title

    oulu = Title.objects.get(year=2026, city__name="Oulu")
    team = OrganisationFactory(
        name="Oulu2026 delivery team", slug="oulu2026", title=oulu
    )
    team_admin = UserFactory(email="tia@example.org", display_name="Tia Teamadmin")
    MembershipFactory(organisation=team, user=team_admin, role="admin")

    # The team admin invites the newcomer from the team page.
    admin_page = new_page()
    add_session_cookie(admin_page.context, live_server.url, team_admin)
    admin_page.goto(reverse("accounts:team", args=[team.slug]))
    admin_page.get_by_label("E-mail address").fill("newcomer@example.org")
    admin_page.get_by_label("Role in the team").select_option("member")
    admin_page.get_by_role("button", name="Send the invitation").click()
    expect(admin_page.locator("main table").first).to_contain_text(
        "newcomer@example.org"
    )
    invitation_links = mailbox.links("newcomer@example.org", "/invitations/")
    assert len(invitation_links) == 1

    # The newcomer follows the link and signs up from the invitation page.
    page.goto(local_path(invitation_links[0]))
    expect(page.locator("h1")).to_have_text("Invitation to join Oulu2026 delivery team")
    page.locator("main").get_by_role("link", name="Sign up").click()
    page.locator("input[name=email]").fill("newcomer@example.org")
    page.locator("input[name=display_name]").fill("Nora Newcomer")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    submit_form_of(page, "password2")
    assert page.url.endswith(reverse("account_email_verification_sent"))
    check_page(page, "the 'check your e-mail' page")

    # The confirmation link arrives by e-mail; the newcomer confirms.
    confirm_links = mailbox.links("newcomer@example.org", "/confirm-email/")
    assert len(confirm_links) == 1
    page.goto(local_path(confirm_links[0]))
    check_page(page, "the e-mail confirmation page")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="newcomer@example.org").verified is True

    # They log out and in again with the new password.
    if page.locator(".user-nav form").count():
        log_out(page)
    log_in(page, "newcomer@example.org", NEW_PASSWORD)
    expect(page.locator(".user-nav")).to_contain_text("My hub")

    # Back to the invitation link from the e-mail: accept.
    page.goto(local_path(invitation_links[0]))
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("accounts:team", args=[team.slug]))
    expect(page.locator(".messages")).to_contain_text(
        "Welcome to Oulu2026 delivery team."
    )
    assert list(
        Membership.objects.filter(organisation=team)
        .order_by("user__email")
        .values_list("user__email", "role")
    ) == [("newcomer@example.org", "member"), ("tia@example.org", "admin")]

    # They switch to French in the header and browse the directory.
    page.locator("#language-select").select_option("fr")
    page.locator(".lang-switch button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(".main-nav").get_by_role("link", name=french("Cities")).click()
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_have_text(
        french("European Capitals of Culture, 1985\u20132030")
    )
    page.locator("#id_q").fill("Oulu")
    page.get_by_role("button", name=french("Show titles")).click()
    expect(page.locator("#directory-results a")).to_have_text(["Oulu"])
    # htmx also filters as one types: let every swap land before clicking.
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.locator("#directory-results").get_by_role("link", name="Oulu").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.locator("main")).to_contain_text("Oulu2026 delivery team")
    check_page(page, "the city page in French")

    # The choice is remembered: a new visit in the same browser stays French.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_curator_must_set_up_totp_and_then_logs_in_with_a_code(
    page: Page, server_requests
):
    from allauth.mfa.models import Authenticator

    curator = UserFactory(
        email="cora@example.org", display_name="Cora Curator", roles=["curator"]
    )

    log_in(page, "cora@example.org", PASSWORD)

    # The curator is sent to set up an authenticator app before anything else
    # (allauth asks for the password again before a new second factor).
    page.goto(reverse("accounts:dashboard"))
    if reverse("account_reauthenticate") in page.url:
        assert "next=" + quote(reverse("mfa_activate_totp"), safe="") in page.url
        page.locator("input[name=password]").fill(PASSWORD)
        submit_form_of(page, "password")
    assert page.url.endswith(reverse("mfa_activate_totp")), page.url
    check_page(page, "the TOTP set-up page")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    # The tab's icon is fetched after the page, while the person reaches for
    # their phone; it used to be redirected here and replace the secret.
    assert load_icons(page) == {
        "/favicon.ico": 48,
        "/icon.svg": 64,
        "/apple-touch-icon.png": 180,
    }
    favicon = [r for r in server_requests if r["path"] == "/favicon.ico"]
    assert favicon[-1] == {"path": "/favicon.ico", "dest": "image", "mode": "no-cors"}
    page.reload()  # and a reload keeps the secret that was scanned
    assert page.locator("#authenticator_secret").input_value() == secret
    # Setting up does not spend the code; logging in does.
    page.locator("input[name=code]").fill(totp_code(secret))
    submit_form_of(page, "code")
    assert (
        Authenticator.objects.filter(user=curator, type=Authenticator.Type.TOTP).count()
        == 1
    )
    page.goto(reverse("accounts:dashboard"))
    assert page.url.endswith(reverse("accounts:dashboard")), page.url

    # Next time the password alone is not enough: a code is asked for.
    log_out(page)
    log_in(page, "cora@example.org", PASSWORD)
    assert page.url.endswith(reverse("mfa_authenticate")), page.url
    check_page(page, "the two-factor code page")
    page.locator("input[name=code]").fill("000000")
    submit_form_of(page, "code")
    assert page.url.endswith(reverse("mfa_authenticate")), page.url
    code = totp_code(secret)
    page.locator("input[name=code]").fill(code)
    submit_form_of(page, "code")
    page.goto(reverse("accounts:dashboard"))
    assert page.url.endswith(reverse("accounts:dashboard")), page.url
    expect(page.locator(".user-nav")).to_contain_text("My hub")

    # A code works once: replayed in another session it is refused.
    log_out(page)
    log_in(page, "cora@example.org", PASSWORD)
    page.locator("input[name=code]").fill(code)
    submit_form_of(page, "code")
    assert page.url.endswith(reverse("mfa_authenticate")), page.url
    page.goto(reverse("accounts:dashboard"))
    assert not page.url.endswith(reverse("accounts:dashboard")), page.url


def test_member_downloads_their_data_as_json(page: Page, login_as, tmp_path: Path):
    member = UserFactory(
        email="mia@example.org", display_name="Mia Member", bio="Works on audiences."
    )
    team = OrganisationFactory(name="Oulu2026", slug="oulu2026")
    MembershipFactory(organisation=team, user=member)
    login_as(member)

    page.goto(reverse("accounts:privacy"))
    check_page(page, "the privacy settings page")
    with page.expect_download() as download_info:
        page.locator("#download-data").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    assert re.fullmatch(r"ecoc-hub-my-data-\d{4}-\d{2}-\d{2}\.json", target.name)
    data = json.loads(target.read_text(encoding="utf-8"))
    text = json.dumps(data)
    assert "mia@example.org" in text
    assert "Mia Member" in text
    assert "Works on audiences." in text
    assert "Oulu2026" in text
    assert PASSWORD not in text
    assert member.password not in text


def test_member_deletes_their_account_and_cannot_log_in_again(
    page: Page, login_as, live_server
):
    from ecoc_hub.accounts.models import User

    member = UserFactory(email="mia@example.org", display_name="Mia Member")
    login_as(member)

    page.goto(reverse("accounts:privacy"))
    page.locator("main").get_by_role("link", name="Delete my account").click()
    page.wait_for_load_state()
    check_page(page, "the delete-account page")
    # A wrong password changes nothing.
    page.get_by_label("Your password").fill("not-my-password")
    page.locator("main form input[type=checkbox]").check()
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("The password is not correct.")
    assert User.objects.get(pk=member.pk).is_former_member is False

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label('Keep them, credited to "Former member"').check()
    page.locator("main form input[type=checkbox]").check()
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_load_state()

    assert page.url == live_server.url + "/"
    expect(page.locator(".messages")).to_contain_text("Your account was deleted.")
    expect(page.locator(".user-nav")).to_contain_text("Log in")
    gone = User.objects.get(pk=member.pk)
    assert gone.is_former_member is True
    assert gone.email != "mia@example.org"
    log_in(page, "mia@example.org", PASSWORD)
    assert page.url.endswith(reverse("account_login"))
    expect(page.locator(".user-nav")).to_contain_text("Log in")
