"""The platform's Ed25519 signing keys (decision 0007).

Keys are PEM files (PKCS #8) in ``ECOC_HUB_CERTIFICATE_KEY_DIR`` (by default
``<data dir>/certificate-keys``), created with owner-only permissions. The
newest file signs; every file in the directory is published in the JWKS, so
credentials signed before a rotation (``ecoc-hub rotate_certificate_key``)
still verify. A key's ``kid`` is its RFC 7638 JWK thumbprint. Back the
directory up with the database: without it no new credential can be signed
with the published key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.utils import timezone


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    kid: str

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def public_jwk(self) -> dict[str, str]:
        return {
            **_public_members(self.public),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }


def _public_members(public: Ed25519PublicKey) -> dict[str, str]:
    raw = public.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}


def thumbprint(public: Ed25519PublicKey) -> str:
    """RFC 7638: SHA-256 of the required members, sorted, without spaces."""
    members = json.dumps(_public_members(public), sort_keys=True, separators=(",", ":"))
    return b64url(hashlib.sha256(members.encode()).digest())


def key_dir() -> Path:
    configured = getattr(settings, "ECOC_HUB_CERTIFICATE_KEY_DIR", "")
    return Path(configured) if configured else settings.DATA_DIR / "certificate-keys"


def _load(path: Path) -> SigningKey:
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return SigningKey(private=private, kid=thumbprint(private.public_key()))


def all_keys() -> list[SigningKey]:
    """Every key, oldest first (file names sort by creation time)."""
    directory = key_dir()
    if not directory.is_dir():
        return []
    return [_load(path) for path in sorted(directory.glob("*.pem"))]


def create_key() -> SigningKey:
    """A new key, written to a temporary name and then linked into place, so
    a reader never sees half a file and two processes never share a name."""
    directory = key_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    name = timezone.now().strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(4)
    temporary = directory / f".{name}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.link(temporary, directory / f"{name}.pem")
    temporary.unlink()
    return SigningKey(private=private, kid=thumbprint(private.public_key()))


def current_key() -> SigningKey:
    """The newest key; the first is generated on first use."""
    keys = all_keys()
    return keys[-1] if keys else create_key()


def jwks() -> dict[str, list[dict[str, str]]]:
    current_key()  # so that the set is never empty
    return {"keys": [key.public_jwk() for key in reversed(all_keys())]}


def sign_jwt(payload: dict[str, object], *, typ: str = "vc+jwt") -> str:
    """A compact JWS (RFC 7515) over ``payload`` with EdDSA (RFC 8037)."""
    key = current_key()
    header = {"alg": "EdDSA", "kid": key.kid, "typ": typ}
    signing_input = ".".join(
        b64url(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode())
        for part in (header, payload)
    )
    signature = key.private.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url(signature)}"


class InvalidSignature(Exception):
    pass


def verify_jwt(token: str) -> dict[str, object]:
    """The payload of a token signed by one of the platform's keys, or
    ``InvalidSignature``."""
    from cryptography.exceptions import InvalidSignature as BadSignature

    try:
        header_part, payload_part, signature_part = token.split(".")
        header = json.loads(b64url_decode(header_part))
        keys = {key.kid: key for key in all_keys()}
        key = keys[header["kid"]]
        if header.get("alg") != "EdDSA":
            raise InvalidSignature("unexpected algorithm")
        key.public.verify(
            b64url_decode(signature_part),
            f"{header_part}.{payload_part}".encode("ascii"),
        )
        payload = json.loads(b64url_decode(payload_part))
    except (ValueError, KeyError, TypeError, BadSignature) as error:
        raise InvalidSignature(str(error)) from error
    if not isinstance(payload, dict):
        raise InvalidSignature("the payload is not an object")
    return payload
