"""The Open Badges 3.0 credential of a certificate and the revocation list.

A certificate's credential is an ``OpenBadgeCredential`` in the W3C
Verifiable Credentials Data Model 2.0, secured as a VC-JWT (VC-JOSE-COSE:
the JWT payload is the credential itself, ``typ`` ``vc+jwt``, EdDSA with the
platform's Ed25519 key; decision 0007). Its ``credentialStatus`` points to
a W3C Bitstring Status List credential that this module also builds, signed
the same way, in which the certificate's bit is set once it is revoked.
"""

from __future__ import annotations

import base64
import gzip
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.core.links import absolute

from .keys import sign_jwt
from .models import STATUS_LIST_SIZE

if TYPE_CHECKING:
    from .models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
STATUS_PURPOSE = "revocation"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_id() -> str:
    return absolute(reverse("certificates:issuer"))


def status_list_url() -> str:
    return absolute(reverse("certificates:status_list"))


def issuer_profile() -> dict[str, Any]:
    """The OB 3.0 ``Profile`` of the platform, with where its keys are."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.ECOC_HUB_ISSUER_NAME,
        "url": absolute("/"),
        "description": settings.ECOC_HUB_ISSUER_DESCRIPTION,
        # Not an Open Badges term: where a verifier finds the public keys.
        "jwks_uri": absolute(reverse("certificates:jwks")),
    }


def achievement_id(certificate: Certificate) -> str:
    """The same URN for every certificate of one achievement (one event's
    attendance, one course's completion) on this site."""
    key = "|".join(
        [
            settings.SITE_URL,
            certificate.source_type.app_label,
            certificate.source_type.model,
            certificate.source_id,
            certificate.title,
        ]
    )
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def build_credential(certificate: Certificate) -> dict[str, Any]:
    verify_url = absolute(certificate.get_absolute_url())
    issuer = issuer_profile()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{certificate.uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {k: issuer[k] for k in ("id", "type", "name", "url")},
        "validFrom": _timestamp(certificate.issued_at),
        "name": certificate.title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.recipient_name,
                }
            ],
            "achievement": {
                "id": achievement_id(certificate),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.title,
                "description": certificate.description or certificate.title,
                "criteria": {"narrative": certificate.criteria},
                "inLanguage": certificate.language,
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(),
        },
        # Where a person checks it in a browser (not an Open Badges term).
        "evidence": [{"id": verify_url, "type": ["Evidence"], "name": "Verification"}],
    }


def sign_credential(certificate: Certificate) -> str:
    credential = build_credential(certificate)
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "iat": int(certificate.issued_at.timestamp()),
    }
    return sign_jwt(claims)


def encode_status_list(revoked_indexes: Iterable[int]) -> str:
    """Bitstring Status List ``encodedList``: the bits (index 0 is the
    left-most bit of the first byte), GZIP-compressed, base64url, with the
    multibase prefix ``u``."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_status_list(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def status_list_credential(revoked_indexes: Iterable[int]) -> str:
    url = status_list_url()
    now = timezone.now()
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_status_list(revoked_indexes),
        },
    }
    return sign_jwt(
        {**credential, "iss": issuer_id(), "jti": url, "iat": int(now.timestamp())}
    )
