"""The REST API against its own OpenAPI document, with schemathesis: random
valid (and invalid) calls, anonymous and with a member's token. Bounded to a
few examples per operation so it runs in well under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from ecoc_hub.api import services as api_services
from ecoc_hub.wsgi import application

from .conftest import deposit

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, settings, member, curator):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "100000/min"
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "100000/min"
    cache.clear()
    deposit(owner=member, curator=curator)
    # The WSGI app closes database connections at the end of each request;
    # the test's transaction lives on that connection. Django's own test
    # client unhooks this the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _exercise(operation, headers, seen: dict[str, set[int]]) -> None:
    name = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy())
    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def call(case):
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        seen.setdefault(name, set()).add(response.status_code)

    call()


def _run(schema, headers: dict[str, str] | None = None) -> dict[str, set[int]]:
    """Exercise every operation; return the statuses seen per operation.

    schemathesis' pytest plugin does not load under pytest 9, so the
    operations' strategies are driven with hypothesis directly."""
    seen: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        _exercise(result.ok(), headers, seen)
    return seen


OPERATIONS = [
    "GET /api/v1/resources",
    "POST /api/v1/resources",
    "GET /api/v1/resources/{uuid}",
    "GET /api/v1/resources/{uuid}/files",
    "POST /api/v1/resources/{uuid}/files",
    "POST /api/v1/resources/{uuid}/submit",
    "POST /api/v1/resources/{uuid}/publish",
    "GET /api/v1/title-cities",
    "GET /api/v1/capacity-areas",
    "GET /api/v1/podcasts/shows",
    "GET /api/v1/podcasts/shows/{slug}/episodes",
    "GET /api/v1/events",
    "GET /api/v1/events/{slug}",
    "GET /api/v1/events/{slug}/sessions",
    "GET /api/v1/speakers",
    "GET /api/v1/courses",
    "GET /api/v1/courses/{slug}",
    "GET /api/v1/self-assessment/framework",
    "GET /api/v1/self-assessment/framework/{number}",
    "GET /api/v1/self-assessments",
    "GET /api/v1/self-assessments/{uuid}",
    "GET /api/v1/experts",
    "GET /api/v1/experts/{slug}",
    "GET /api/v1/expert-calls",
    "GET /api/v1/expert-calls/{slug}",
]


def test_anonymous_calls_conform_to_the_schema(api_schema):
    seen = _run(api_schema)

    assert sorted(seen) == sorted(OPERATIONS)
    # Reading works without a token; writing asks for one.
    assert 200 in seen["GET /api/v1/resources"] | seen["GET /api/v1/title-cities"]
    assert seen["POST /api/v1/resources"] <= {401, 422}


def test_calls_with_a_member_token_conform_to_the_schema(api_schema, member):
    secret = api_services.create_token(user=member, name="schemathesis").secret

    seen = _run(api_schema, headers={"Authorization": f"Bearer {secret}"})

    assert sorted(seen) == sorted(OPERATIONS)
    assert 200 in seen["GET /api/v1/resources"]
