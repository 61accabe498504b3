"""The Open Badges credential, checked with jwcrypto (a library we did not write)."""

import json
import stat

import pytest
from django.urls import reverse
from jwcrypto import jwk, jws, jwt

from ecoc_hub.certificates import keys
from ecoc_hub.certificates.credential import decode_status_list
from ecoc_hub.certificates.services import reissue, revoke

pytestmark = pytest.mark.django_db


def _key_set(client):
    response = client.get(reverse("certificates:jwks"))
    assert response["Content-Type"] == "application/jwk-set+json"
    return jwk.JWKSet.from_json(response.content)


def _verified_claims(token, key_set):
    header = jws.JWS()
    header.deserialize(token)
    key = key_set.get_key(header.jose_header["kid"])
    verified = jwt.JWT(jwt=token, key=key, algs=["EdDSA"], expected_type="JWS")
    return json.loads(verified.claims)


def test_credential_verifies_with_the_published_keys(client, certificate, settings):
    claims = _verified_claims(certificate.credential_jwt, _key_set(client))

    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["id"] == f"urn:uuid:{certificate.uuid}"
    issuer = f"{settings.SITE_URL}/certificates/issuer"
    assert claims["issuer"] == {
        "id": issuer,
        "type": ["Profile"],
        "name": "ECoC Hub",
        "url": f"{settings.SITE_URL}/",
    }
    assert claims["iss"] == issuer
    assert claims["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    subject = claims["credentialSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Ana Ionescu",
        }
    ]
    assert subject["achievement"]["name"] == "Certificate of attendance: Academy Camp 2"
    assert subject["achievement"]["criteria"] == {
        "narrative": "Attended at least 75 % of the sessions."
    }
    status_url = f"{settings.SITE_URL}/certificates/status/revocation"
    assert claims["credentialStatus"] == {
        "id": f"{status_url}#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": status_url,
    }


def test_header_names_the_algorithm_type_and_key(client, certificate):
    token = jws.JWS()
    token.deserialize(certificate.credential_jwt)
    header = token.jose_header

    assert header == {"alg": "EdDSA", "kid": keys.current_key().kid, "typ": "vc+jwt"}
    assert _key_set(client).get_key(header["kid"]) is not None


def test_a_changed_name_breaks_the_signature(client, certificate):
    header, payload, signature = certificate.credential_jwt.split(".")
    claims = json.loads(keys.b64url_decode(payload))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory"
    forged = ".".join([header, keys.b64url(json.dumps(claims).encode()), signature])

    with pytest.raises(jws.InvalidJWSSignature):
        _verified_claims(forged, _key_set(client))
    with pytest.raises(keys.InvalidSignature):
        keys.verify_jwt(forged)


def test_a_token_signed_by_another_key_is_refused(client, certificate):
    stranger = jwk.JWK.generate(kty="OKP", crv="Ed25519", kid=keys.current_key().kid)
    token = jwt.JWT(header={"alg": "EdDSA", "kid": stranger.kid}, claims={"a": 1})
    token.make_signed_token(stranger)

    with pytest.raises(jws.InvalidJWSSignature):
        _verified_claims(token.serialize(), _key_set(client))
    with pytest.raises(keys.InvalidSignature):
        keys.verify_jwt(token.serialize())


def _revoked_bits(client):
    response = client.get(reverse("certificates:status_list"))
    assert response["Content-Type"] == "application/vc+jwt"
    claims = _verified_claims(response.content.decode(), _key_set(client))
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = claims["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    bits = decode_status_list(subject["encodedList"])
    assert len(bits) == 16384
    return bits


def _bit(bits, index):
    return (bits[index // 8] >> (7 - index % 8)) & 1


def test_revocation_sets_the_certificates_bit_in_the_status_list(client, certificate):
    assert _bit(_revoked_bits(client), certificate.status_index) == 0

    revoke(certificate=certificate, actor=None, reason="Issued by mistake.")

    bits = _revoked_bits(client)
    assert _bit(bits, certificate.status_index) == 1
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_reissue_revokes_the_old_bit_and_keeps_the_new_one_clear(client, certificate):
    new = reissue(
        certificate=certificate, actor=None, recipient_name="Ana-Maria Ionescu"
    )

    bits = _revoked_bits(client)
    assert _bit(bits, certificate.status_index) == 1
    assert _bit(bits, new.status_index) == 0
    claims = _verified_claims(new.credential_jwt, _key_set(client))
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == (
        "Ana-Maria Ionescu"
    )


def test_issuer_profile_is_public_json_ld(client, settings):
    response = client.get(reverse("certificates:issuer"))

    assert response["Content-Type"] == "application/ld+json"
    assert response.json() == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"{settings.SITE_URL}/certificates/issuer",
        "type": ["Profile"],
        "name": "ECoC Hub",
        "url": f"{settings.SITE_URL}/",
        "description": settings.ECOC_HUB_ISSUER_DESCRIPTION,
        "jwks_uri": f"{settings.SITE_URL}/certificates/issuer/jwks.json",
    }


def test_rotation_keeps_old_credentials_verifiable(
    client, certificate, settings, tmp_path
):
    old_kid = keys.current_key().kid

    new_key = keys.create_key()

    key_set = _key_set(client)
    assert new_key.kid != old_kid
    assert keys.current_key().kid == new_key.kid
    assert _verified_claims(certificate.credential_jwt, key_set)["id"] == (
        f"urn:uuid:{certificate.uuid}"
    )
    # Remove the new key again so that the session's other tests keep theirs.
    (path,) = [
        p for p in keys.key_dir().glob("*.pem") if keys._load(p).kid == new_key.kid
    ]
    path.unlink()


def test_first_key_is_created_owner_only(settings, tmp_path):
    settings.ECOC_HUB_CERTIFICATE_KEY_DIR = str(tmp_path / "keys")

    key = keys.current_key()

    (path,) = (tmp_path / "keys").glob("*.pem")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert keys.current_key().kid == key.kid
    assert list((tmp_path / "keys").glob(".*")) == []
