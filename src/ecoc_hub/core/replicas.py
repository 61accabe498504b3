"""Reads from a PostgreSQL read replica, writes and read-after-write on the primary.

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database and
this router. A read goes to the replica only when all of these hold:

* it happens inside a request that ``ReplicaMiddleware`` let use the
  replica: a safe method (GET, HEAD, OPTIONS) from a browser or client that
  has not written in the last ``DATABASE_REPLICA_PIN_SECONDS`` (the
  middleware sets a short-lived cookie after every unsafe request, so the
  page a person sees after saving shows what they saved, however far the
  replica lags);
* nothing has been written in this request yet (the first write pins the
  rest of the request to the primary, so a request reads its own writes);
* the model is not one whose reads must be exact (sessions, the cache that
  holds rate limits, the task queue and the worker leases: see
  ``PRIMARY_ONLY``).

Everything else — task workers, management commands, the shell — reads
from the primary, because it runs outside ``ReplicaMiddleware``. Writes
always go to the primary, and migrations run only there (a replica is a
copy made by PostgreSQL's streaming replication, not by Django).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "ecoc_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Apps whose reads must see the latest write: a lagging replica would let a
# rate limit be exceeded, a task run twice or a signed-out session live on.
PRIMARY_ONLY = frozenset(
    {"sessions", "django_cache", "django_tasks_database", "core", "usersessions"}
)

_may_use_replica: ContextVar[bool] = ContextVar("may_use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Django's database router for the primary + replica pair."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _may_use_replica.get() and model._meta.app_label not in PRIMARY_ONLY:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        # From the first write on, this request reads from the primary.
        _may_use_replica.set(False)
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # both aliases hold the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def read_alias(model: type[Model]) -> str:
    """The alias the router would read ``model`` from, for raw SQL reads."""
    if replica_configured():
        return ReplicaRouter().db_for_read(model)
    return PRIMARY


def read_connection(model: type[Model]) -> Any:
    """The connection for a raw SQL read of ``model``'s tables."""
    return connections[read_alias(model)]


def _pinned(request: HttpRequest) -> bool:
    value = request.COOKIES.get(PIN_COOKIE, "")
    try:
        until = float(value)
    except ValueError:
        return False
    return until > time.time()


class ReplicaMiddleware:
    """Decides per request whether its reads may use the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.enabled = replica_configured()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        token = _may_use_replica.set(safe and not _pinned(request))
        try:
            response = self.get_response(request)
        finally:
            _may_use_replica.reset(token)
        if not safe:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


def replica_lag() -> tuple[bool, str]:
    """The /health check of the replica: reachable, in recovery, its lag."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), COALESCE(pg_wal_lsn_diff("
                "pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)"
            )
            in_recovery, behind = cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return False, type(exc).__name__
    if not in_recovery:
        return False, "not a standby"
    return True, f"{int(behind)} bytes of WAL not yet replayed"
