"""The search engine's SQL, one class per database vendor, chosen once.

``backend()`` answers the backend of the default database: SQLite FTS5
(``sqlite.SQLiteBackend``) or PostgreSQL ``tsvector`` + GIN
(``postgresql.PostgresBackend``), both on ``base.SearchBackend``, which
holds what they share. As in Wagtail's database search backend, the vendor
is looked at here only; the rest of the search never branches on it.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import PASSAGE_KEY_FACTOR, PASSAGE_TABLE, SearchBackend, is_phrase

__all__ = [
    "PASSAGE_KEY_FACTOR",
    "PASSAGE_TABLE",
    "SearchBackend",
    "backend",
    "for_vendor",
    "is_phrase",
]


@cache
def for_vendor(vendor: str) -> SearchBackend:
    """The backend for a database vendor ("sqlite", "postgresql")."""
    if vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from .postgresql import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(
        f"The search index needs SQLite or PostgreSQL, not {vendor}."
    )


def backend() -> SearchBackend:
    """The backend of the default database."""
    return for_vendor(connection.vendor)
