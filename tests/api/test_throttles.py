"""API rate limits: a budget per token for authenticated clients, per address
for anonymous ones, with Retry-After and the RateLimit-* header fields
(issue 11, defect 8)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from ecoc_hub.api import services as api_services
from ecoc_hub.api import throttles

URL = "/api/v1/capacity-areas"
# 30 s into a one-minute window, 2,850 s into an hour.
NOW = 1_000_050.0


@pytest.fixture(autouse=True)
def _one_window(db, monkeypatch):
    """Every request of a test falls in the same window, 30 s into it."""
    monkeypatch.setattr(throttles, "clock", lambda: NOW)
    cache.clear()
    yield
    cache.clear()


def _bearer(user) -> dict[str, str]:
    secret = api_services.create_token(user=user, name="tests").secret
    return {"Authorization": f"Bearer {secret}"}


def _statuses(client, count: int, **kwargs) -> list[int]:
    return [client.get(URL, **kwargs).status_code for _ in range(count)]


def test_two_tokens_from_one_address_each_get_their_own_budget(
    client, member, settings
):
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "2/min"
    first, second = _bearer(member), _bearer(member)

    assert _statuses(client, 3, headers=first) == [200, 200, 429]
    assert _statuses(client, 3, headers=second) == [200, 200, 429]


def test_a_client_with_a_token_does_not_use_the_address_budget(
    client, member, settings
):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "2/min"
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "100/min"
    token = _bearer(member)

    assert _statuses(client, 5, headers=token) == [200] * 5
    assert _statuses(client, 3) == [200, 200, 429]
    assert _statuses(client, 1, headers=token) == [200]


def test_anonymous_clients_on_one_address_share_its_budget(client, settings):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "3/min"
    from django.test import Client

    neighbour = Client()

    statuses = [
        client.get(URL).status_code,
        neighbour.get(URL).status_code,
        client.get(URL).status_code,
        neighbour.get(URL).status_code,
    ]

    assert statuses == [200, 200, 200, 429]


def test_another_address_has_its_own_budget(client, settings):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "1/min"

    assert _statuses(client, 2, REMOTE_ADDR="192.0.2.1") == [200, 429]
    assert _statuses(client, 2, REMOTE_ADDR="192.0.2.2") == [200, 429]


def test_a_made_up_forwarded_for_does_not_give_a_new_budget(client, settings):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "1/min"

    statuses = [
        client.get(URL, headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
        for n in range(3)
    ]

    assert statuses == [200, 429, 429]


def test_a_made_up_token_gets_401_not_a_budget(client, settings):
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "1/min"

    response = client.get(URL, headers={"Authorization": "Bearer ecoc_nonsense"})

    assert response.status_code == 401
    assert "RateLimit-Limit" not in response


def test_every_response_carries_limit_remaining_and_reset(client, settings):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "3/min"

    responses = [client.get(URL) for _ in range(4)]

    assert [
        (
            r.status_code,
            r["RateLimit-Limit"],
            r["RateLimit-Remaining"],
            r["RateLimit-Reset"],
        )
        for r in responses
    ] == [
        (200, "3", "2", "30"),
        (200, "3", "1", "30"),
        (200, "3", "0", "30"),
        (429, "3", "0", "30"),
    ]


def test_a_refused_request_says_when_to_retry(client, member, settings):
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "1/h"
    token = _bearer(member)
    client.get(URL, headers=token)

    refused = client.get(URL, headers=token)

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    # 2,850 s into the hour: 750 s to go.
    assert (refused["Retry-After"], refused["RateLimit-Reset"]) == ("750", "750")


def test_the_next_window_gives_a_fresh_budget(client, settings, monkeypatch):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "1/min"
    assert _statuses(client, 2) == [200, 429]

    monkeypatch.setattr(throttles, "clock", lambda: NOW + 30)

    assert _statuses(client, 2) == [200, 429]


def test_counters_live_in_the_shared_database_cache(client, settings):
    """Every web process and worker counts in the same table, not in memory."""
    client.get(URL)

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM ecoc_hub_cache")
        keys = [row[0] for row in cursor.fetchall()]

    assert settings.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    assert [key for key in keys if "ratelimit:address:127.0.0.1:60:" in key] == [
        f":1:ratelimit:address:127.0.0.1:60:{int(NOW // 60) * 60}"
    ]


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("300/min", (300, 60)), ("1200/m", (1200, 60)), ("10/5s", (10, 5)),
     ("5000/h", (5000, 3600)), ("2/day", (2, 86400))],
)  # fmt: skip
def test_rates_are_read_like_the_settings_write_them(rate, parsed):
    assert throttles.parse_rate(rate) == parsed
