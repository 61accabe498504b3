"""Check in by the ticket's URL and the check-in list, issue certificates of
attendance, download the certificate and verify its credential (issue 12),
at a phone's width and a desktop's; every page passes axe and has no raw
text."""

from __future__ import annotations

import json
from datetime import timedelta

import pypdfium2 as pdfium
import pytest
from django.utils import timezone
from jwcrypto import jwk, jwt
from playwright.sync_api import Page, expect

from ecoc_hub.events import services
from tests.e2e.helpers import (
    add_session_cookie,
    assert_accessible,
    assert_no_raw_text,
    local_path,
)
from tests.events.conftest import apply, make_event, make_session
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, where)
    assert_no_raw_text(page, where)


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_check_in_issue_and_verify_a_certificate(page, new_page, live_server, width):
    organiser = UserFactory(display_name="Olga Organiser")
    participant = UserFactory(display_name="Ελένη Παπαδοπούλου")
    now = timezone.now()
    event = make_event(
        title="Academy Camp 2",
        slug="camp-two",
        organisers=[organiser],
        capacity=10,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
    )
    sessions = [
        make_session(
            event,
            title=title,
            starts_at=now + timedelta(hours=hours),
            ends_at=now + timedelta(hours=hours, minutes=50),
        )
        for title, hours in [
            ("Opening", -0.2),
            ("Audience data", 2),
            ("Digital tools", 4),
            ("Closing", 6),
        ]
    ]
    application = apply(event, participant)
    services.decide(application=application, action="accept", actor=organiser)

    # The participant opens their ticket.
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, participant)
    page.goto(f"/academy/{event.slug}/ticket/")
    expect(
        page.get_by_role("img", name="QR code of your check-in ticket")
    ).to_be_visible()
    seen(page, "ticket")
    ticket_url = page.get_by_role("link", name="check-in link").get_attribute("href")

    # The organiser's phone opens the ticket's address: the session on now.
    staff = new_page(viewport={"width": width, "height": 900})
    add_session_cookie(staff.context, live_server.url, organiser)
    # The QR code holds the public address (SITE_URL); the test server is elsewhere.
    staff.goto(local_path(ticket_url))
    expect(staff.get_by_label("Session")).to_have_value(str(sessions[0].pk))
    seen(staff, "check-in by ticket")
    staff.get_by_role("button", name="Check in").click()
    expect(staff.locator(".messages")).to_contain_text("is checked in for “Opening”")
    seen(staff, "check-in list")

    # Two more sessions from the list, by name.
    for session in sessions[1:3]:
        staff.get_by_role("link", name=session.title).click()
        staff.get_by_label("Search by name").fill("Ελένη")
        staff.locator("main").get_by_role("button", name="Search").click()
        staff.get_by_role("button", name="Check in Ελένη Παπαδοπούλου").click()
        expect(staff.locator(".messages")).to_contain_text("is checked in.")
    seen(staff, "check-in list after a tap")

    # 3 of 4 sessions: 75 %. The organiser issues the certificates.
    staff.get_by_role("link", name="Attendance and certificates").click()
    expect(staff.locator("tbody tr").first).to_contain_text("3 / 4")
    seen(staff, "certificates")
    staff.get_by_role("button", name="Issue 1 certificate").click()
    expect(staff.locator(".messages")).to_contain_text("1 certificate issued.")

    # The participant sees the attendance, then verifies and downloads.
    page.reload()
    expect(page.locator("#attendance-heading + p")).to_contain_text(
        "You attended 3 sessions of 4"
    )
    page.get_by_role(
        "link", name="Certificate of attendance: verify and download"
    ).click()
    expect(page.locator(".certificate-status")).to_contain_text("Genuine and valid.")
    seen(page, "verification")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Certificate (PDF)").click()
    pdf = pdfium.PdfDocument(pdf_download.value.path())
    text = pdf[0].get_textpage().get_text_range().replace("\r", "")
    assert "Ελένη Παπαδοπούλου" in text.split("\n")
    with page.expect_download() as jwt_download:
        page.get_by_role(
            "link", name="Signed credential (Open Badges 3.0, VC-JWT)"
        ).click()
    token = open(jwt_download.value.path()).read()  # noqa: PTH123, SIM115
    keys = jwk.JWKSet.from_json(
        page.request.get("/certificates/issuer/jwks.json").body()
    )
    claims = json.loads(jwt.JWT(jwt=token, key=keys, algs=["EdDSA"]).claims)
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == (
        "Ελένη Παπαδοπούλου"
    )
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    # Re-issued with a corrected name by the organiser: the old one is revoked.
    old_code_url = page.url
    staff.goto(old_code_url)
    staff.get_by_role("link", name="Revoke or re-issue").click()
    seen(staff, "manage certificate")
    staff.get_by_label("Name as printed").fill("Eleni Papadopoulou")
    staff.get_by_role("button", name="Re-issue").click()
    page.goto(old_code_url)
    expect(page.locator(".certificate-status")).to_contain_text("It was re-issued")
    seen(page, "revoked verification")
