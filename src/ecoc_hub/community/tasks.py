from __future__ import annotations

from django.tasks import task

from .following import send_digests


@task()
def send_community_digests() -> int:
    """The daily and weekly digests of the discussions that are due."""
    return send_digests()
