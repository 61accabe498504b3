"""A person's certificates in their data export, and what deletion does.

Deleting the account keeps each certificate verifiable as a record that it
was issued (a verifier may rely on it) unless the person chose to remove or
anonymise their contributions: then the printed name is removed and the
certificate revoked, so the public page no longer shows who it was for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext

from ecoc_hub.accounts.privacy import ContributionChoice
from ecoc_hub.core import metrics
from ecoc_hub.core.workflow import transition

from .models import Certificate, Status

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_certificates(user: User) -> list[dict[str, Any]]:
    return [
        {
            "code": certificate.display_code,
            "title": certificate.title,
            "name_as_printed": certificate.recipient_name,
            "issued_at": certificate.issued_at.isoformat(),
            "status": certificate.status,
            "revoked_at": certificate.revoked_at.isoformat()
            if certificate.revoked_at
            else None,
            "revocation_reason": certificate.revocation_reason,
            "credential_jwt": certificate.credential_jwt,
        }
        for certificate in Certificate.objects.filter(recipient=user).order_by("pk")
    ]


def erase_certificates(user: User, contributions: ContributionChoice, **_: Any) -> None:
    certificates = Certificate.objects.filter(recipient=user)
    if contributions != ContributionChoice.KEEP:
        with translation.override(user.preferred_language or None):
            reason = gettext("The recipient deleted their account.")
        for certificate in certificates.filter(status=Status.VALID):
            transition(certificate, "revoke", actor=None, comment=reason)
        certificates.update(recipient_name="")
    certificates.update(recipient=None)
    metrics.changed("certificates")
