"""Core periodic work, enqueued by the worker's scheduler (``core.schedule``)."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task

from .fixity import run_fixity


@task()
def check_fixity_sample() -> dict[str, int]:
    """Re-hash the files that have waited longest for a check."""
    run = run_fixity(sample=settings.ECOC_HUB_FIXITY_SAMPLE)
    return {"checked": run.checked, "changed": run.changed, "missing": run.missing}
