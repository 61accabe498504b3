"""Issuing, revoking and re-issuing certificates: the site's one service.

Events and courses call ``issue_certificate`` with the person, what they
achieved (``Achievement``) and the object it was achieved in (an event, a
course). Revocation and re-issue go through the ``STATUS`` workflow, so each
is locked, checked and written to the certificate's history.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import TransitionError, transition

from .credential import sign_credential
from .models import STATUS_LIST_SIZE, Certificate, Status

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

#: Crockford's base 32: no I, L, O or U, so a code read aloud or typed from
#: paper cannot be mistaken.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})

__all__ = [
    "Achievement",
    "CertificateError",
    "issue_certificate",
    "normalise_code",
    "reissue",
    "revoke",
]


@dataclass(frozen=True)
class Achievement:
    title: str
    criteria: str
    description: str = ""


class CertificateError(TransitionError):
    pass


def normalise_code(text: str) -> str:
    """A code as typed ("k7qm-4xrt p9wd", "O" for zero) → its stored form."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(_READ_AS)


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _name_of(recipient: User) -> str:
    return (recipient.display_name or "").strip()


@transaction.atomic
def issue_certificate(
    *,
    recipient: User,
    achievement: Achievement,
    source: models.Model,
    recipient_name: str = "",
    issued_by: User | None = None,
    language: str = "",
    replaces: Certificate | None = None,
) -> Certificate:
    """A new, signed certificate for ``recipient``; a person holds at most
    one valid certificate per source (re-issue to change one)."""
    name = (recipient_name or _name_of(recipient)).strip()
    if not name:
        raise CertificateError(
            _("The name to print on the certificate is missing."),
            field="recipient_name",
            code="name_missing",
        )
    if not achievement.title.strip() or not achievement.criteria.strip():
        raise CertificateError(
            _("A certificate needs a title and its criteria."), code="achievement"
        )
    source_type = ContentType.objects.get_for_model(source)
    held = Certificate.objects.filter(
        recipient=recipient,
        source_type=source_type,
        source_id=str(source.pk),
        status=Status.VALID,
    )
    if held.exists():
        raise CertificateError(
            _("This person already holds a valid certificate for this."),
            code="already_issued",
        )
    language = language or recipient.preferred_language or translation.get_language()
    for _attempt in range(20):
        certificate = Certificate(
            uuid=uuid.uuid4(),
            code=_new_code(),
            recipient=recipient,
            recipient_name=name[:200],
            title=achievement.title.strip(),
            description=achievement.description.strip(),
            criteria=achievement.criteria.strip(),
            language=language,
            source_type=source_type,
            source_id=str(source.pk),
            issued_at=timezone.now().replace(microsecond=0),
            issued_by=issued_by,
            replaces=replaces,
            status_index=secrets.randbelow(STATUS_LIST_SIZE),
        )
        certificate.credential_jwt = sign_credential(certificate)
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # A code or status index already taken (or, rarely, a certificate
            # issued at the same moment by someone else: checked again).
            if held.exists():
                raise CertificateError(
                    _("This person already holds a valid certificate for this."),
                    code="already_issued",
                ) from None
            continue
        certificate.history.create(
            action="issued", actor=issued_by, to_state=Status.VALID
        )
        return certificate
    raise RuntimeError("no free verification code or status index after 20 tries")


def revoke(*, certificate: Certificate, actor: User | None, reason: str) -> Certificate:
    """Revoke with a reason shown on the verification page (a 403 for a
    person who may not; ``actor=None`` is the platform)."""
    transition(certificate, "revoke", actor=actor, comment=reason)
    return certificate


@transaction.atomic
def reissue(
    *,
    certificate: Certificate,
    actor: User | None,
    recipient_name: str = "",
    comment: str = "",
) -> Certificate:
    """Revoke ``certificate`` as re-issued and issue its replacement (a
    corrected name, a new key): same person, achievement and source."""
    source = certificate.source
    if certificate.recipient is None or source is None:
        raise CertificateError(
            _("The recipient's account no longer exists."), code="no_recipient"
        )
    transition(certificate, "reissue", actor=actor, comment=comment)
    return issue_certificate(
        recipient=certificate.recipient,
        achievement=Achievement(
            title=certificate.title,
            criteria=certificate.criteria,
            description=certificate.description,
        ),
        source=source,
        recipient_name=recipient_name or certificate.recipient_name,
        issued_by=actor,
        language=certificate.language,
        replaces=certificate,
    )
