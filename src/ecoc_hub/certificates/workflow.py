"""The status of a certificate: valid → revoked (by revocation or re-issue)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import Transition, Workflow

from . import permissions
from .models import Certificate, CertificateEvent, Status


def _revoked(certificate: Certificate, comment: str) -> Iterable[str]:
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = comment
    return ["revoked_at", "revocation_reason"]


STATUS = Workflow(
    model=Certificate,
    field="status",
    history=CertificateEvent,
    history_object="certificate",
    history_action="action",
    transitions=[
        Transition(
            "revoke",
            sources={Status.VALID},
            target=Status.REVOKED,
            allowed=permissions.can_revoke_certificate,
            comment_required=True,
            comment_message=_("Say why the certificate is revoked."),
            record="revoked",
            apply=_revoked,
        ),
        Transition(
            "reissue",
            sources={Status.VALID},
            target=Status.REVOKED,
            allowed=permissions.can_revoke_certificate,
            record="reissued",
            apply=_revoked,
        ),
    ],
)
