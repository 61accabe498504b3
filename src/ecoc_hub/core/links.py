"""Absolute addresses for what leaves the site (feeds, the API, exports)."""

from __future__ import annotations

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) on the public site."""
    return settings.SITE_URL + path
