"""The certificates' URLs in the shared access matrix (tests/access.py).

The world's certificate belongs to its member; its source (the member's
team) is not a registered source, so only curators and admins manage it.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, public, register

covers("certificates")
public(
    "certificates:verify_form",
    "certificates:verify",
    "certificates:issuer",
    "certificates:jwks",
    "certificates:status_list",
)

RECIPIENT = expect(visitor=302, member=200, other_team_member=403, curator=200)
MANAGERS = expect(visitor=302, member=403, curator=200)
MANAGERS_POST = expect(visitor=302, member=403, curator=302)

register(
    "certificates:mine",
    lambda w: reverse("certificates:mine"),
    expect(visitor=302, member=200, curator=200),
)
for name in ("pdf", "jwt", "json"):
    register(
        f"certificates:{name}",
        lambda w, name=name: reverse(f"certificates:{name}", args=[w.certificate.code]),
        RECIPIENT,
    )
register(
    "certificates:manage",
    lambda w: reverse("certificates:manage", args=[w.certificate.code]),
    MANAGERS,
)
register(
    "certificates:revoke",
    lambda w: reverse("certificates:revoke", args=[w.certificate.code]),
    MANAGERS_POST,
    method="post",
    data=lambda w: {"reason": "Issued by mistake."},
)
register(
    "certificates:reissue",
    lambda w: reverse("certificates:reissue", args=[w.certificate.code]),
    MANAGERS_POST,
    method="post",
    data=lambda w: {"recipient_name": "Mia M."},
)
