from __future__ import annotations

from django.db import transaction
from django.tasks import task

from .models import Episode
from .search_index import index_episode


@task()
def index_episode_task(*, episode_id: int) -> None:
    """Index (or un-index) one episode; enqueued for a scheduled episode's
    publication time, when it becomes public."""
    with transaction.atomic():
        episode = Episode.objects.select_related("show").filter(pk=episode_id).first()
        if episode is not None:
            index_episode(episode)
