"""Small pieces the accounts' pages share."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _


def _dashboard_crumb() -> tuple[str, str]:
    return (_("My hub"), reverse("accounts:dashboard"))


def _next_query(url: str) -> str:
    query = QueryDict(mutable=True)
    query["next"] = url
    return query.urlencode()
