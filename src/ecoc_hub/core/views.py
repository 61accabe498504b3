from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import check_database, check_storage, check_worker


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    from ecoc_hub.cities.queries import home_titles

    return render(request, "core/home.html", home_titles())


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": check_database(),
        "storage": check_storage(),
        "worker": check_worker(),
    }
    healthy = all(ok for ok, _ in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {
            name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()
        },
    }
    return JsonResponse(body, status=200 if healthy else 503)
