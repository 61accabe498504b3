"""The demo's past views and downloads of the published resources (the
dashboard's "views and downloads"), one ``DailyCount`` row per resource and
day with activity, made in bulk. Running it again adds only the days since
the last run."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ecoc_hub.core import demo_history, metrics

from .enums import ResourceState
from .models import DailyCount, Resource


def load_demo(*, stdout: Any) -> int:
    rows = []
    resources = Resource.objects.filter(state=ResourceState.PUBLISHED).order_by("pk")
    for resource in resources:
        rng = demo_history.generator(f"library:{resource.title}")
        popularity = rng.randint(1, 6)
        for day in demo_history.days():
            if rng.random() > 0.35:
                continue
            views = rng.randint(1, 4 * popularity)
            rows.append(
                DailyCount(
                    resource=resource,
                    day=day,
                    views=views,
                    downloads=rng.randint(0, views // 2),
                )
            )
    before = DailyCount.objects.count()
    DailyCount.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    metrics.changed("library")
    made = DailyCount.objects.count() - before
    stdout.write(
        _("Library history: %(count)d days of views and downloads added.")
        % {"count": made}
    )
    return made
