from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import all_checks

DAY = 24 * 3600


def _url_or(name: str, fallback: str) -> str:
    """The URL of ``name``, or of ``fallback`` while that page does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(fallback)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "contact_email": settings.ECOC_HUB_CONTACT_EMAIL,
        "breadcrumbs": [(_("Accessibility statement"), reverse("accessibility"))],
    }
    return render(request, "core/accessibility.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "contact_email": settings.ECOC_HUB_CONTACT_EMAIL,
        "export_url": _url_or("accounts:privacy_export", "accounts:dashboard"),
        "delete_url": _url_or("accounts:delete_account", "accounts:dashboard"),
        "profile_url": _url_or("accounts:profile_edit", "accounts:dashboard"),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_days": settings.SESSION_COOKIE_AGE // DAY,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_days": settings.CSRF_COOKIE_AGE // DAY,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "language_days": settings.LANGUAGE_COOKIE_AGE // DAY,
        "breadcrumbs": [(_("Privacy notice"), reverse("privacy"))],
    }
    return render(request, "core/privacy.html", context)


def _operator_context() -> dict[str, object]:
    return {
        "operator": dict(settings.ECOC_HUB_OPERATOR),
        "contact_email": settings.ECOC_HUB_CONTACT_EMAIL,
        "library_url": _url_or("library:list", "home"),
        "podcasts_url": _url_or("podcasts:list", "home"),
        "cities_url": _url_or("cities:list", "home"),
        "teams_url": _url_or("accounts:team_list", "home"),
        "api_url": _url_or("api:home", "home"),
        "contact_url": reverse("contact"),
        "legal_url": reverse("legal_notice"),
        "privacy_url": reverse("privacy"),
        "accessibility_url": reverse("accessibility"),
    }


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    context = _operator_context()
    context["breadcrumbs"] = [(_("About ECoC Hub"), "")]
    return render(request, "core/about.html", context)


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    context = _operator_context()
    context["breadcrumbs"] = [(_("Contact"), "")]
    return render(request, "core/contact.html", context)


@require_GET
def legal_notice(request: HttpRequest) -> HttpResponse:
    context = _operator_context()
    context["breadcrumbs"] = [(_("Legal notice"), "")]
    return render(request, "core/legal_notice.html", context)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = all_checks()
    healthy = all(ok for ok, _ in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {
            name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()
        },
    }
    return JsonResponse(body, status=200 if healthy else 503)
