from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
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


# Machine-readable answers that a browser or a client fetches without a person
# looking at them: redirecting them to a form is never right.
_EXEMPT_URL_NAMES = frozenset(
    {
        "health",
        "javascript-catalog",
        "set_language",
        "api:oai",
        "api:robots",
        "api:sitemap",
        "api:sitemap_section",
        "api:feed_rss",
        "api:feed_atom",
        "api:search_rss",
        "api:search_atom",
        "podcasts:feed",
    }
)
# Files WhiteNoise serves from the site root (core/root/).
_ROOT_FILES = ("/favicon.ico", "/apple-touch-icon", "/icon.svg", "/robots.txt")


class RequireMFAMiddleware:
    """Send a curator or admin without an authenticator app to set one up.

    Until then they may only reach the two-factor pages, re-authentication,
    log out, the language switch, and what browsers and clients fetch on
    their own (static files, media, icons, feeds, the API, OAI-PMH): those
    are never redirected. Only a top-level page load is redirected to the
    activation page; any other request to a page (XHR, htmx, an image, a
    frame) is refused with 403, and htmx is told to load the activation page.

    A redirected favicon request used to load the activation page behind the
    person's back, so the code they typed no longer matched (issue 9).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._is_allowed(request.path_info)
            and permissions.requires_mfa(user)
            and not _has_totp(user)
        ):
            if not is_page_navigation(request):
                return self._refuse(request)
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
    def _refuse(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(
            _("Set up two-factor authentication to continue."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
        if request.headers.get("HX-Request") == "true":
            response["HX-Redirect"] = reverse("mfa_activate_totp")
        return response

    @staticmethod
    def _is_allowed(path: str) -> bool:
        allowed = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("accounts:set_language"),
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/api/",
            *_ROOT_FILES,
        )
        if path.startswith(allowed):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.view_name in _EXEMPT_URL_NAMES


def is_page_navigation(request: HttpRequest) -> bool:
    """Whether the request loads a whole page in a browser tab.

    Browsers say so in the Fetch Metadata headers (Sec-Fetch-Mode: navigate,
    Sec-Fetch-Dest: document). Without them (an older browser, curl, the test
    client) an htmx or XHR request is not one, and neither is a request whose
    Accept header asks for something other than HTML.
    """
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode is not None:
        dest = request.headers.get("Sec-Fetch-Dest", "document")
        return mode == "navigate" and dest == "document"
    if (
        request.headers.get("HX-Request") == "true"
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    ):
        return False
    accept = request.headers.get("Accept", "")
    return not accept or "text/html" in accept or accept.strip() == "*/*"


def _has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
