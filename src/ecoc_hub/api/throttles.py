"""Rate limits of the API: per address and per token (cache counters; a
refused request gets 429 with Retry-After, see problems.py)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class _Throttle(SimpleRateThrottle):
    setting = ""
    default_rate = ""

    def get_rate(self) -> str:
        # Read when a request comes, so settings can change (and tests).
        return str(getattr(settings, self.setting, self.default_rate))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressThrottle(_Throttle):
    scope = "api-address"
    setting = "ECOC_HUB_API_RATE_PER_ADDRESS"
    default_rate = "300/min"

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class TokenThrottle(_Throttle):
    scope = "api-token"
    setting = "ECOC_HUB_API_RATE_PER_TOKEN"
    default_rate = "1200/min"

    def get_cache_key(self, request: HttpRequest) -> str | None:  # type: ignore[override]
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer "):
            return None  # not throttled per token: there is none
        digest = hashlib.sha256(header[7:].strip().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
