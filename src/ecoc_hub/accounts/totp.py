"""The TOTP activation form: one pending secret per session until confirmed.

allauth's form makes a new secret on every GET of the activation page. Any
second load (a reload, a back button, a second tab, a stray redirect) then
replaces the secret behind the QR code the person has already scanned, and
every code they type is "incorrect". Here the secret stays in the session
until activation succeeds (allauth then removes it) or the session ends.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.totp import forms as allauth_forms
from allauth.mfa.totp.internal import auth
from django import forms


class ActivateTOTPForm(allauth_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = auth.get_totp_secret(regenerate=False)
