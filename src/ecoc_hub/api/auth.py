"""Who calls the API: a personal token (Bearer), or nobody for reading."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from .services import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token)


def anonymous(request: HttpRequest) -> Any:
    """Reading needs no token; a token that is sent must be valid."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


# ``auth=READ`` on reads, ``auth=WRITE`` on writes.
READ = [TokenAuth(), anonymous]
WRITE = [TokenAuth()]


def caller(request: HttpRequest) -> Any:
    """The person (or AnonymousUser) the auth above found for this request."""
    return getattr(request, "auth", AnonymousUser())
