"""Personal API tokens: created, revoked, and looked up by the API's auth."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ecoc_hub.accounts.models import User

from .models import ApiToken

TOKEN_PREFIX = "ecoc_"  # noqa: S105 - marks tokens, not a secret
MAX_ACTIVE_TOKENS = 20


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


class TokenLimitReached(Exception):
    pass


@transaction.atomic
def create_token(*, user: User, name: str) -> NewToken:
    """Create a token; the secret is returned here and never stored."""
    active = ApiToken.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    )
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise TokenLimitReached
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=_digest(secret),
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str) -> User | None:
    """The active person holding this token, or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
