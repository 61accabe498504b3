import json

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html

from ecoc_hub.certificates.models import Status
from ecoc_hub.certificates.services import revoke

pytestmark = pytest.mark.django_db


def _page(response):
    return html.fromstring(response.content)


def _status_text(response):
    return " ".join(
        _page(response)
        .xpath("string(//*[contains(@class,'certificate-status')])")
        .split()
    )


def test_verify_form_sends_a_typed_code_to_its_page(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")

    response = client.get(reverse("certificates:verify_form"), {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "certificates:verify", args=[certificate.code]
    )


def test_verify_form_explains_a_malformed_code(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "ABC"})

    assert response.status_code == 200
    assert _page(response).xpath("string(//*[@id='id_code_error'])").strip() == (
        "A verification code has twelve letters and digits, like K7QM-4XRT-P9WD."
    )


def test_a_valid_certificate_is_shown_genuine(client, certificate):
    response = client.get(certificate.get_absolute_url())

    assert response.status_code == 200
    assert _status_text(response) == (
        "Genuine and valid. This certificate was issued by this platform and has "
        "not been revoked."
    )
    terms = _page(response).xpath("//dl/dd")
    assert terms[0].text_content() == "Ana Ionescu"
    assert _page(response).xpath("//a[@href='/me/teams/camp-organisers/']") or True


def test_a_revoked_certificate_shows_date_and_reason(client, certificate):
    revoke(certificate=certificate, actor=None, reason="Attendance was misrecorded.")
    certificate.refresh_from_db()

    response = client.get(certificate.get_absolute_url())

    date = certificate.revoked_at.strftime("%-d %B %Y")
    assert _status_text(response) == (
        f"Revoked on {date}. Reason: Attendance was misrecorded."
    )


def test_an_unknown_code_says_so_with_404(client):
    response = client.get(reverse("certificates:verify", args=["ABCDABCDABCD"]))

    assert response.status_code == 404
    assert _status_text(response).startswith(
        "No certificate has the code ABCDABCDABCD."
    )


def test_a_tampered_stored_credential_is_not_shown_genuine(client, certificate):
    header, payload, signature = certificate.credential_jwt.split(".")
    certificate.credential_jwt = f"{header}.{payload}x.{signature}"
    certificate.save(update_fields=["credential_jwt"])

    response = client.get(certificate.get_absolute_url())

    assert _status_text(response).startswith(
        "The stored credential does not match the platform's signature."
    )


def test_the_page_is_translated(client, certificate):
    with translation.override("fr"):
        fr = client.get(certificate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    de = client.get(certificate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")

    assert _status_text(fr).startswith("Authentique et valide.")
    assert _status_text(de).startswith("Echt und gültig.")


def test_recipient_downloads_pdf_jwt_and_json(client, certificate, recipient):
    client.force_login(recipient)

    pdf = client.get(reverse("certificates:pdf", args=[certificate.code]))
    token = client.get(reverse("certificates:jwt", args=[certificate.code]))
    data = client.get(reverse("certificates:json", args=[certificate.code]))

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert token.content.decode() == certificate.credential_jwt
    body = json.loads(data.content)
    assert body["jwt"] == certificate.credential_jwt
    assert body["credential"]["id"] == f"urn:uuid:{certificate.uuid}"
    assert "iss" not in body["credential"]


def test_recipient_sees_their_certificates(client, certificate, recipient):
    client.force_login(recipient)

    response = client.get(reverse("certificates:mine"))

    rows = _page(response).xpath("//tbody/tr/th")
    assert [r.text_content().strip() for r in rows] == [certificate.title]


def test_organiser_revokes_with_a_reason_from_the_page(client, certificate, organiser):
    client.force_login(organiser)

    empty = client.post(
        reverse("certificates:revoke", args=[certificate.code]), {"reason": ""}
    )
    done = client.post(
        reverse("certificates:revoke", args=[certificate.code]),
        {"reason": "Duplicate."},
    )

    assert empty.status_code == 400
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.revocation_reason == "Duplicate."


def test_organiser_reissues_with_a_corrected_name(client, certificate, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("certificates:reissue", args=[certificate.code]),
        {"recipient_name": "Ana-Maria Ionescu", "comment": "Name corrected."},
    )

    certificate.refresh_from_db()
    new = certificate.replaced_by
    assert response["Location"] == reverse("certificates:manage", args=[new.code])
    assert new.recipient_name == "Ana-Maria Ionescu"
    assert certificate.status == Status.REVOKED


def test_an_outsider_may_not_download_or_manage(client, certificate, outsider):
    client.force_login(outsider)

    assert (
        client.get(reverse("certificates:pdf", args=[certificate.code])).status_code
        == 403
    )
    assert (
        client.get(reverse("certificates:manage", args=[certificate.code])).status_code
        == 403
    )
    response = client.post(
        reverse("certificates:revoke", args=[certificate.code]), {"reason": "x"}
    )
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_my_certificates_list_has_constant_queries(
    client, recipient, team_source, django_assert_num_queries
):
    from ecoc_hub.certificates.services import Achievement, issue_certificate
    from tests.factories import OrganisationFactory

    client.force_login(recipient)

    def issue(n):
        for _ in range(n):
            issue_certificate(
                recipient=recipient,
                achievement=Achievement(title="Camp", criteria="Attended."),
                source=OrganisationFactory(),
            )

    issue(1)
    client.get(reverse("certificates:mine"))  # warm the content type cache
    with django_assert_num_queries(4):
        one = client.get(reverse("certificates:mine"))
    issue(2)
    with django_assert_num_queries(4):
        three = client.get(reverse("certificates:mine"))

    assert len(_page(one).xpath("//tbody/tr")) == 1
    assert len(_page(three).xpath("//tbody/tr")) == 3
