import pytest

from ecoc_hub.accounts.privacy import (
    ContributionChoice,
    export_user_data,
    registered_erasers,
)
from ecoc_hub.certificates.models import Certificate, Status
from ecoc_hub.certificates.privacy import erase_certificates

pytestmark = pytest.mark.django_db


def test_export_lists_the_persons_certificates(certificate, recipient):
    data = export_user_data(recipient)

    assert data["certificates"] == [
        {
            "code": certificate.display_code,
            "title": certificate.title,
            "name_as_printed": "Ana Ionescu",
            "issued_at": certificate.issued_at.isoformat(),
            "status": "valid",
            "revoked_at": None,
            "revocation_reason": "",
            "credential_jwt": certificate.credential_jwt,
        }
    ]


def test_eraser_is_registered():
    assert erase_certificates in registered_erasers()


def test_erasing_with_anonymise_revokes_and_removes_the_name(certificate, recipient):
    erase_certificates(recipient, contributions=ContributionChoice.ANONYMISE)

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.recipient is None
    assert certificate.recipient_name == ""
    assert certificate.status == Status.REVOKED
    assert certificate.revocation_reason == "The recipient deleted their account."


def test_erasing_with_keep_leaves_the_certificate_verifiable(certificate, recipient):
    erase_certificates(recipient, contributions=ContributionChoice.KEEP)

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.recipient is None
    assert certificate.recipient_name == "Ana Ionescu"
    assert certificate.status == Status.VALID
