"""The expert pool's periodic job (registered in ``ExpertsConfig.ready``)."""

from __future__ import annotations

from django.tasks import task

from . import pool_services


@task()
def remind_stale_profiles() -> int:
    """Ask experts whose profile is (nearly) a year old to confirm it."""
    return pool_services.remind_stale_profiles()
