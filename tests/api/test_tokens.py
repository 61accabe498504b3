from __future__ import annotations

import hashlib

from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from ecoc_hub.api import services
from ecoc_hub.api.models import ApiToken


def test_member_creates_a_token_shown_once_and_stored_hashed(member_client, member):
    response = member_client.post("/me/api-tokens/", {"name": "deposit script"})

    document = html.fromstring(response.content)
    secret = document.xpath('//input[@id="new-token"]/@value')[0]
    token = ApiToken.objects.get()
    assert response["Cache-Control"] == "no-store"
    assert (token.user, token.name) == (member, "deposit script")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values_list()[0])
    again = member_client.get("/me/api-tokens/")
    assert secret.encode() not in again.content


def test_token_works_for_the_api(member_client, client, member):
    member_client.post("/me/api-tokens/", {"name": "script"})
    secret = services.create_token(user=member, name="second").secret

    assert services.user_for_token(secret) == member


def test_member_revokes_a_token(member_client, member):
    created = services.create_token(user=member, name="old")

    response = member_client.post(f"/me/api-tokens/{created.token.pk}/revoke/")

    created.token.refresh_from_db()
    assert response.status_code == 302
    assert created.token.revoked_at is not None
    assert services.user_for_token(created.secret) is None


def test_someone_else_cannot_revoke_my_token(client, member, outsider):
    created = services.create_token(user=member, name="mine")
    client.force_login(outsider)

    response = client.post(f"/me/api-tokens/{created.token.pk}/revoke/")

    created.token.refresh_from_db()
    assert response.status_code == 404
    assert created.token.revoked_at is None


def test_visitor_is_sent_to_log_in(client, db):
    response = client.get("/me/api-tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_revoking_needs_post(member_client, member):
    created = services.create_token(user=member, name="mine")

    response = member_client.get(f"/me/api-tokens/{created.token.pk}/revoke/")

    assert response.status_code == 405


def test_empty_name_is_refused_and_creates_nothing(member_client, member):
    response = member_client.post("/me/api-tokens/", {"name": "  "})

    assert response.status_code == 200
    assert ApiToken.objects.count() == 0


def test_active_token_limit_is_enforced(member_client, member):
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.create_token(user=member, name=f"t{n}")

    response = member_client.post("/me/api-tokens/", {"name": "one more"})

    document = html.fromstring(response.content)
    assert ApiToken.objects.count() == services.MAX_ACTIVE_TOKENS
    assert document.xpath('//input[@id="new-token"]') == []


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/me/api-tokens/").status_code == 200
    return len(context)


def test_token_list_query_count_does_not_grow(member_client, member):
    services.create_token(user=member, name="one")
    _queries(member_client)
    one = _queries(member_client)
    services.create_token(user=member, name="two")
    services.create_token(user=member, name="three")

    assert _queries(member_client) == one


def test_token_page_speaks_french_and_german(member_client, member):
    french = member_client.get("/me/api-tokens/", headers={"Accept-Language": "fr"})
    german = member_client.get("/me/api-tokens/", headers={"Accept-Language": "de"})

    assert html.fromstring(french.content).findtext(".//h1") == "Jetons d\u2019API"
    assert html.fromstring(german.content).findtext(".//h1") == "API-Tokens"
