"""Run by tests/core/test_replica.py in its own process, against a real
PostgreSQL primary (DATABASE_URL) and streaming replica
(DATABASE_REPLICA_URL), already migrated. Prints one line
``REPLICA-RESULT {json}`` with what it saw; the test asserts on it.
"""

from __future__ import annotations

import json
import time
from typing import Any

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import DatabaseError, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from ecoc_hub.accounts.enums import Visibility  # noqa: E402
from ecoc_hub.core import health, replicas  # noqa: E402


def caught_up(timeout: float = 60) -> bool:
    """Wait (bounded) until the replica has replayed the primary's WAL."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def on(alias: str, client: Client, url: str) -> tuple[Any, list[str]]:
    """GET ``url`` and return the response and the SQL sent to ``alias``."""
    with CaptureQueriesContext(connections[alias]) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


result: dict[str, Any] = {}

with connections["default"].cursor() as cursor:
    cursor.execute("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
    result["streaming_replicas"] = cursor.fetchone()[0]

try:
    with connections["replica"].cursor() as cursor:
        cursor.execute("CREATE TABLE should_fail (i int)")
    result["replica_refuses_writes"] = ""
except DatabaseError as exc:
    result["replica_refuses_writes"] = type(exc.__cause__).__name__

User = get_user_model()
user = User.objects.create_user(email="reader@example.org", password="x" * 16)
user.display_name = "Before the write"
user.save()
result["caught_up_after_setup"] = caught_up()
ok, detail = health.all_checks()["database_replica"]
result["health"] = [ok, detail]

anonymous = Client()
response, replica_sql = on("replica", anonymous, reverse("library:list"))
_, primary_sql = on("default", anonymous, reverse("library:list"))
result["listing_status"] = response.status_code
result["listing_replica_queries"] = len(replica_sql)
result["listing_primary_library_queries"] = sum(
    '"library_' in sql for sql in primary_sql
)
response, replica_sql = on("replica", anonymous, reverse("search:list") + "?q=culture")
result["search_status"] = response.status_code
result["search_replica_queries"] = len(replica_sql)

# Hold the replica back: from now on, what the primary writes is not on it.
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_pause()")
member = Client()
member.force_login(user)
form = member.get(reverse("accounts:profile_edit"))
result["form_status"] = form.status_code
with CaptureQueriesContext(connections["replica"]) as during_post:
    saved = member.post(
        reverse("accounts:profile_edit"),
        {"display_name": "After the write", "visibility": Visibility.PUBLIC},
    )
result["post_status"] = saved.status_code
result["post_replica_queries"] = len(during_post.captured_queries)
result["pin_cookie"] = replicas.PIN_COOKIE in saved.cookies
profile_url = reverse("accounts:profile", kwargs={"pk": user.pk})
pinned = member.get(profile_url)
result["pinned_sees_write"] = "After the write" in pinned.text
del member.cookies[replicas.PIN_COOKIE]
unpinned = member.get(profile_url)
result["unpinned_sees_old"] = "Before the write" in unpinned.text
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_resume()")
result["caught_up_after_resume"] = caught_up()
# Replication is asynchronous: once the replica has replayed the primary's
# WAL, a new request sees the write. Poll (bounded) rather than read once, so
# that a loaded machine cannot fail the test between replay and visibility,
# and record what each attempt answered for the assertion message.
later: list[int] = []
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    page = member.get(profile_url)
    later.append(page.status_code)
    if "After the write" in page.text:
        break
    time.sleep(0.2)
result["unpinned_sees_write_later"] = "After the write" in page.text
result["later_statuses"] = later[-5:]
result["later_attempts"] = len(later)

print("REPLICA-RESULT " + json.dumps(result), flush=True)
