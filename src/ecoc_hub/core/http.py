"""Typed requests for views.

``login_required`` (or ``requires``) guarantees a signed-in person, but
Django types ``request.user`` as ``User | AnonymousUser``. Views behind
the gate annotate ``request: AuthenticatedHttpRequest`` instead, so the
type checker knows ``request.user`` is our ``User`` (as Healthchecks does in
``hc/accounts/http.py``); the annotation promises nothing at run time, the
decorator does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:  # typing only: core never imports an app at run time
    from ecoc_hub.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
