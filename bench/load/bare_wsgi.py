"""A bare Django view, the load test's yardstick: 20 rows as JSON, no
middleware, no database, served by gunicorn like ECoC Hub."""

from __future__ import annotations

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path


def rows(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"rows": [{"id": n, "title": f"Row {n}"} for n in range(20)]})


settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-only",  # noqa: S106
)
urlpatterns = [path("", rows)]
django.setup()
application = get_wsgi_application()
