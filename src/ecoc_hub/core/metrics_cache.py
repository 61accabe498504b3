"""Change-based invalidation of the dashboard's cached figures (see
``core.metrics``): a generation number per app in the cache, bumped by the
signals of the models the indicators read and by ``changed`` after bulk
writes; ``core.metrics.compute`` puts the generations in its cache keys."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_GENERATION = "metrics:generation:{app}"


def _generation_key(app_label: str) -> str:
    return _GENERATION.format(app=app_label)


def _start() -> int:
    # A generation that is lost from the cache (evicted, cache cleared)
    # starts again from the clock, never from a number already used.
    return time.time_ns()


_TABLE_CHECKED: dict[str, float] = {}


def _cache_ready() -> bool:
    """Whether the cache can be written: a database cache's table may not
    exist yet (``ecoc-hub demo`` runs before ``createcachetable``); with no
    table, no figure is cached and there is nothing to make stale. A table
    found is remembered; a missing one is looked for again after a while."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        return True
    table = str(getattr(backend, "_table", ""))
    checked = _TABLE_CHECKED.get(table)
    if checked == float("inf"):
        return True
    if checked is not None and time.monotonic() - checked < 30:
        return False
    from django.db import connections, router

    database = router.db_for_write(backend.cache_model_class)
    if table in connections[database].introspection.table_names():
        _TABLE_CHECKED[table] = float("inf")
        return True
    _TABLE_CHECKED[table] = time.monotonic()
    return False


def changed(app_label: str) -> None:
    """Make every cached figure that reads ``app_label``'s models stale.

    The signals call it for each save and delete of a source model; call it
    yourself after ``bulk_create``, ``bulk_update`` or ``QuerySet.update``
    on one (they send no signal), once for the whole batch."""
    if not _cache_ready():
        return
    key = _generation_key(app_label)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _start(), None)


def generations(app_labels: Sequence[str]) -> dict[str, int]:
    """The current generation of each app (started where missing)."""
    keys = {app: _generation_key(app) for app in app_labels}
    found = cache.get_many(list(keys.values()))
    result = {}
    for app, key in keys.items():
        value = found.get(key)
        if value is None:
            cache.add(key, _start(), None)
            value = cache.get(key)
        result[app] = int(value)
    return result


_WATCHED: set[str] = set()


def _on_write(sender: type[models.Model], **kwargs: Any) -> None:
    _bump(sender._meta.app_label)


def _on_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _bump(type(instance)._meta.app_label)
        model = kwargs.get("model")
        if model is not None:
            _bump(model._meta.app_label)


def _bump(app_label: str) -> None:
    changed(app_label)
    # Once more when the transaction commits: a figure computed by another
    # process between the write and the commit (from the old data) would
    # otherwise be cached under the new generation.
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # One callback per app and transaction (a rolled back transaction drops
    # its callbacks, so a pending one is always of the current transaction).
    for entry in connection.run_on_commit:
        if getattr(entry[1], "metrics_app", None) == app_label:
            return

    transaction.on_commit(_AtCommit(app_label))


class _AtCommit:
    """The commit's bump of one app's generation (found again by its
    ``metrics_app``)."""

    def __init__(self, app_label: str) -> None:
        self.metrics_app = app_label

    def __call__(self) -> None:
        changed(self.metrics_app)


def _watch(model: type[models.Model]) -> None:
    """Connect ``model``'s signals once, however often its app registers."""
    label = model._meta.label_lower
    if label in _WATCHED:
        return
    _WATCHED.add(label)
    uid = f"core.metrics:{label}"
    post_save.connect(_on_write, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_on_write, sender=model, dispatch_uid=uid, weak=False)
    for many in model._meta.local_many_to_many:
        through = many.remote_field.through
        m2m_changed.connect(
            _on_m2m, sender=through, dispatch_uid=f"{uid}:{many.name}", weak=False
        )
