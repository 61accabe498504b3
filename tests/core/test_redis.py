"""The cache and sessions in Redis when REDIS_URL is set (issue 16), against
the Redis server every machine runs (127.0.0.1:6379; TEST_REDIS_URL to use
another). Without one the tests are skipped, except on CI, where they fail.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SRC = Path(__file__).resolve().parents[2] / "src"


def _redis_answers() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), 2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module", autouse=True)
def _redis() -> None:
    if not _redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail(f"No Redis server answers at {REDIS_URL}.")
        pytest.skip(f"no Redis server at {REDIS_URL}")


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test's own: runs in parallel share the server."""
    return f"ecoc-hub-test-{uuid.uuid4().hex}"


# A web process of its own: it counts three API requests from one address
# in the same rate-limit window as the other process, and says what it saw.
COUNTING = """
import json
import django
django.setup()
from django.conf import settings
from django.test import RequestFactory
from ecoc_hub.api import throttles

throttles.clock = lambda: 1_800_000_000.0  # both processes in one window
request = RequestFactory().get("/api/v1/resources", REMOTE_ADDR="192.0.2.7")
budgets = [throttles.count(request) for _ in range(3)]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    "sessions": settings.SESSION_ENGINE,
    "remaining": [b.remaining for b in budgets],
    "allowed": [b.allowed for b in budgets],
}))
"""


def _web_process(prefix: str, tmp_path: Path) -> dict[str, object]:
    env = dict(
        os.environ,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        ECOC_HUB_API_RATE_PER_ADDRESS="5/min",
        ECOC_HUB_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="ecoc_hub.settings",
        PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    )
    env.pop("DATABASE_URL", None)  # counting needs no database
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", COUNTING],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_web_processes_share_one_rate_limit_through_redis(prefix, tmp_path):
    first = _web_process(prefix, tmp_path)
    second = _web_process(prefix, tmp_path)

    assert first["cache"] == "RedisCache"
    assert first["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert first["remaining"] == [4, 3, 2]
    assert first["allowed"] == [True, True, True]
    # The second process continues the first one's count: one budget.
    assert second["remaining"] == [1, 0, 0]
    assert second["allowed"] == [True, True, False]


def _redis_cache(prefix: str) -> dict[str, dict[str, str]]:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }


@pytest.mark.django_db
def test_sessions_are_read_from_redis_and_kept_in_the_database(prefix):
    with override_settings(
        CACHES=_redis_cache(prefix),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        try:
            session = SessionStore()
            session["team"] = "oulu"
            session.save()
            key = session.session_key

            # Written through to the database: a Redis restart loses nothing.
            assert Session.objects.filter(session_key=key).exists()
            caches["default"].delete(session.cache_key)  # as if Redis restarted
            assert SessionStore(session_key=key)["team"] == "oulu"

            # Read from Redis: with the row gone, the cached copy still answers.
            session = SessionStore(session_key=key)
            session.load()
            Session.objects.filter(session_key=key).delete()
            assert SessionStore(session_key=key)["team"] == "oulu"
        finally:
            # Never clear(): on Redis that empties the whole database.
            caches["default"].delete(session.cache_key)
