"""The demo's past plays of the published episodes (the dashboard's plays
per month and by show), one ``DailyPlays`` row per episode and day with a
play, made in bulk. Running it again adds only the days since the last run."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ecoc_hub.core import demo_history, metrics

from .models import Episode, State
from .plays import DailyPlays


def load_demo(*, stdout: Any) -> int:
    rows = []
    episodes = Episode.objects.filter(state=State.PUBLISHED).select_related("show")
    for episode in episodes.order_by("pk"):
        rng = demo_history.generator(f"podcasts:{episode.show.slug}:{episode.slug}")
        audience = rng.randint(2, 9)
        for day in demo_history.days():
            if rng.random() > 0.5:
                continue
            rows.append(
                DailyPlays(episode=episode, day=day, plays=rng.randint(1, audience))
            )
    before = DailyPlays.objects.count()
    DailyPlays.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    metrics.changed("podcasts")
    made = DailyPlays.objects.count() - before
    stdout.write(_("Podcast history: %(count)d days of plays added.") % {"count": made})
    return made
