from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import permissions


class UserLanguageMiddleware:
    """Use a signed-in person's saved language when the browser sent no choice.

    LocaleMiddleware already honours the language cookie; this adds the choice
    saved on the account, so it follows the person to a new device.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user else ""
        if (
            preferred
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
        ):
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)


class RequireMFAMiddleware:
    """Send a curator or admin without an authenticator app to set one up.

    Until then they may only reach the two-factor pages, re-authentication,
    log out, the language switch and static files; everything else, the admin
    site included, redirects to the activation page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._is_allowed(request.path)
            and permissions.requires_mfa(user)
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives you access to other people's data, so your "
                    "account must be protected with two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_allowed(path: str) -> bool:
        allowed = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("accounts:set_language"),
            reverse("set_language"),
            reverse("javascript-catalog"),
            reverse("health"),
            settings.STATIC_URL,
        )
        return path.startswith(allowed)


def _has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
