from __future__ import annotations

from django.tasks import task

from . import services


@task()
def expire_offers() -> int:
    """Expire offers whose deadline passed and offer the places again."""
    return services.expire_offers()
