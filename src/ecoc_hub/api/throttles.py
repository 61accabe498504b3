"""Rate limits of the API: one budget per personal token for a client that
sent a valid one, one per address for anonymous clients.

A client with a token is never counted against its address, so the people
behind one NAT or proxy who each use their own token do not share a budget,
and an anonymous crawler on that address does not eat theirs. Authentication
runs before throttling (django-ninja), so only a token that was accepted
gets a budget of its own: a made-up token is answered 401 before it could.

Counters are fixed windows in the configured cache (``CACHES["default"]``:
the database cache by default, Redis with ``REDIS_URL``), so every web
process and every machine counts in the same place; a per-process cache
(locmem) would give each gunicorn worker a budget of its own.

Every response of a throttled operation carries the three fields of the IETF
draft *RateLimit header fields for HTTP* in its separate-header form
(draft-ietf-httpapi-ratelimit-headers up to -06):
``RateLimit-Limit`` (requests per window), ``RateLimit-Remaining`` and
``RateLimit-Reset`` (seconds until the window ends); a refused request is
answered 429 with ``Retry-After`` equal to ``RateLimit-Reset``.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja.throttling import BaseThrottle

_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}
_UNITS |= {"d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"300/min"`` → (300 requests, 60 seconds); also ``"10/5s"``."""
    count, _, period = rate.partition("/")
    digits = "".join(c for c in period if c.isdigit()) or "1"
    unit = period[len(digits) :] if period[:1].isdigit() else period
    return int(count), int(digits) * _UNITS[unit.strip().lower()]


@dataclass(frozen=True)
class Budget:
    """Where a request stands in its window, for the response headers."""

    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    allowed: bool

    def apply(self, response: HttpResponse) -> None:
        response["RateLimit-Limit"] = str(self.limit)
        response["RateLimit-Remaining"] = str(self.remaining)
        response["RateLimit-Reset"] = str(self.reset)


def _bearer(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    return header[7:].strip() or None


def _scope(request: HttpRequest) -> tuple[str, str, str]:
    """(scope, identity, rate) of the budget this request is counted in."""
    user = getattr(request, "auth", None)
    token = _bearer(request)
    if token is not None and getattr(user, "is_authenticated", False):
        # The token's digest, never the token: cache keys can be listed.
        return (
            "token",
            hashlib.sha256(token.encode()).hexdigest(),
            settings.ECOC_HUB_API_RATE_PER_TOKEN,
        )
    address = BaseThrottle().get_ident(request) or "unknown"
    return "address", address, settings.ECOC_HUB_API_RATE_PER_ADDRESS


# The clock windows are cut from (a test sets it to stay inside one window).
clock: Callable[[], float] = time.time


def count(request: HttpRequest) -> Budget:
    """Count this request in its budget and say where the budget stands."""
    scope, identity, rate = _scope(request)
    limit, window = parse_rate(rate)
    moment = clock()
    start = int(moment // window) * window
    key = f"ratelimit:{scope}:{identity}:{window}:{start}"
    # add() is a no-op when the counter exists; incr() is atomic on Redis and
    # one UPDATE-after-SELECT on the database cache (two processes at the same
    # instant may count once: the limit is then exceeded by that much).
    cache.add(key, 0, timeout=window + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        used = 1
    reset = max(1, math.ceil(start + window - moment))
    return Budget(
        limit=limit, remaining=max(0, limit - used), reset=reset, allowed=used <= limit
    )


class HubThrottle(BaseThrottle):
    """The one throttle of the API: per token, or per address without one."""

    def __init__(self) -> None:
        self._last = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        budget = count(request)
        request.ratelimit = budget  # type: ignore[attr-defined]
        self._last.budget = budget
        return budget.allowed

    def wait(self) -> float | None:
        # Called by ninja right after a refusal, in the same thread.
        budget: Budget | None = getattr(self._last, "budget", None)
        return None if budget is None else float(budget.reset)


class RateLimitHeadersMiddleware:
    """Put the budget's headers on every response of a throttled operation,
    whatever produced it (the operation, a problem, the 429 itself)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        budget: Budget | None = getattr(request, "ratelimit", None)
        if budget is not None:
            budget.apply(response)
        return response
