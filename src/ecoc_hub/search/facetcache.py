"""The total and facet counts of a search, cached by the index state.

A search's facet statement (``conditions.facet_counts``) is the same for
everyone who sends the same query with the same filters and access rule, and
for a frequent query over many documents it is the largest statement after
the text match. Its rows are cached under a key made of the statement, its
parameters (which hold the access rule: a member's teams, a visitor's
``public``), the database alias and the index generation
(``models.IndexGeneration``), which ``services`` raises in the same
transaction as every write to the index. The generation is read before the
counts, on the same connection: a search that sees a write's generation also
sees its rows, so an entry can be older than the index only under an older
generation that no later search asks for. Cached counts are therefore never
stale; an entry is at worst unused.

Only statements counting at least ``MIN_TOTAL`` documents are kept: small
counts are cheap to compute and not worth a cache write.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import F

from ecoc_hub.core import replicas

from .models import IndexGeneration, SearchDocument

SECONDS = 600
MIN_TOTAL = 200
KEY_PREFIX = "search:facets:"

Rows = list[tuple[Any, ...]]


def bump() -> None:
    """Raise the generation; call it inside the transaction writing the index.

    The row is made by migration 0007; the update locks it until the writing
    transaction ends, so writers to the index take turns here. Should the row
    be gone (a database flushed table by table), it is made again from the
    clock, above every number an old cache entry can carry, and nothing is
    cached while it is missing (``current``)."""
    if not IndexGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        IndexGeneration.objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


def current() -> int | None:
    """The generation as the search's connection (primary or replica) sees
    it; None without the row."""
    table = IndexGeneration._meta.db_table
    with replicas.read_connection(SearchDocument).cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _key(sql: str, params: list[Any]) -> str | None:
    generation = current()
    if generation is None:
        return None
    alias = replicas.read_alias(SearchDocument)
    text = "\x00".join([alias, str(generation), sql, repr(params)])
    return KEY_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def cached_rows(
    sql: str, params: list[Any], compute: Callable[[str, list[Any]], Rows]
) -> Rows:
    """``compute(sql, params)``'s rows, from the cache when the index has not
    changed since they were counted. The rows hold a ``('#total', '', n)``
    row, which decides whether they are worth keeping."""
    key = _key(sql, params)
    if key is None:
        return compute(sql, params)
    rows = cache.get(key)
    if rows is not None:
        return [tuple(row) for row in rows]
    rows = compute(sql, params)
    total = next((int(r[2]) for r in rows if r[0] == "#total"), 0)
    if total >= MIN_TOTAL:
        cache.set(key, [list(row) for row in rows], SECONDS)
    return rows
