"""The search app's periodic work (``core.schedule``)."""

from __future__ import annotations

from django.tasks import task

from .consistency import record_check


@task()
def check_index_daily() -> int:
    """Compare the index with the records, repair any drift, and record it."""
    differences, _check = record_check(fix=True)
    return len(differences)
