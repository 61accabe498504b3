from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

import ecoc_hub.search
from ecoc_hub.search.backends import backend, for_vendor
from ecoc_hub.search.backends.postgresql import PostgresBackend
from ecoc_hub.search.backends.sqlite import SQLiteBackend

SEARCH = Path(ecoc_hub.search.__file__).parent


def test_the_backend_is_chosen_once_per_vendor():
    expected = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}

    assert type(backend()) is expected[connection.vendor]
    assert backend() is backend()
    assert (type(for_vendor("sqlite")), type(for_vendor("postgresql"))) == (
        SQLiteBackend,
        PostgresBackend,
    )


def test_an_unsupported_database_is_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="SQLite or PostgreSQL"):
        for_vendor("mysql")


def test_only_the_backend_choice_asks_for_the_database_vendor():
    # Migrations create vendor-specific structures; everything else goes
    # through the backend classes.
    asking = sorted(
        str(path.relative_to(SEARCH))
        for path in SEARCH.rglob("*.py")
        if "migrations" not in path.parts
        and re.search(r"\bvendor\s*(==|!=|\(\))|\.vendor\b", path.read_text())
    )

    assert asking == ["backends/__init__.py"]


def test_no_search_module_is_over_500_lines():
    long = {
        str(path.relative_to(SEARCH)): n
        for path in SEARCH.rglob("*.py")
        if "migrations" not in path.parts
        and (n := len(path.read_text().splitlines())) > 500
    }

    assert long == {}
