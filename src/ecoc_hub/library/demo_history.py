"""The demo's past library activity.

Moderation (the dashboard's contributions and moderation time): the demo's
resources are submitted and approved at once when the demo is loaded; here
each one gets a past submission over the last fourteen months and a
curator's decision one to three weeks later, some after a request for
changes (and a second submission). A resource is moved once: one whose
decision came within a minute of its submission is the demo's, untouched
by a person.

Views and downloads (the dashboard's "views and downloads"): one
``DailyCount`` row per published resource and day with activity since it
was published, made in bulk. Running it again adds only the days since the
last run."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.core import demo_history, metrics

from .enums import Decision, ResourceState
from .models import DailyCount, ModerationEvent, Resource
from .search_index import index_resource

#: Days, after its submission, a resource waits for a decision.
WAIT = (2, 21)
CHANGES = "Please add the year of each figure and a short summary in English."


def _moderation() -> int:
    """Past submissions and decisions for the demo's published resources;
    how many resources were moved."""
    first_day = demo_history.days()[0]
    moved = 0
    resources = (
        Resource.objects.filter(
            identifier__startswith="demo-", state=ResourceState.PUBLISHED
        )
        .prefetch_related("moderation_events")
        .order_by("identifier")
    )
    for resource in resources:
        events = list(resource.moderation_events.order_by("created_at", "pk"))
        submitted = [e for e in events if e.decision == Decision.SUBMITTED]
        approved = [e for e in events if e.decision == Decision.APPROVED]
        if (
            len(submitted) != 1
            or len(approved) != 1
            or resource.submitted_at is None
            or abs((approved[0].created_at - submitted[0].created_at).total_seconds())
            > 60
        ):
            continue
        rng = demo_history.generator(f"library:moderation:{resource.identifier}")
        day = first_day + timedelta(days=rng.randint(0, demo_history.DAYS - 40))
        sent = demo_history.moment(day, rng)
        decided = sent + timedelta(days=rng.randint(*WAIT), hours=rng.randint(0, 6))
        curator = approved[0].actor
        if rng.random() < 0.25:
            # Changes requested first; the owner sent it again a few days on.
            asked = sent + timedelta(days=rng.randint(*WAIT))
            ModerationEvent.objects.create(
                resource=resource,
                decision=Decision.CHANGES_REQUESTED,
                actor=curator,
                from_state=ResourceState.SUBMITTED,
                to_state=ResourceState.CHANGES_REQUESTED,
                comment=CHANGES,
                created_at=asked,
            )
            submitted[0].created_at = sent
            submitted[0].save(update_fields=["created_at"])
            sent = asked + timedelta(days=rng.randint(1, 6))
            decided = sent + timedelta(days=rng.randint(*WAIT))
            ModerationEvent.objects.create(
                resource=resource,
                decision=Decision.SUBMITTED,
                actor=resource.owner,
                from_state=ResourceState.CHANGES_REQUESTED,
                to_state=ResourceState.SUBMITTED,
                created_at=sent,
            )
        else:
            submitted[0].created_at = sent
            submitted[0].save(update_fields=["created_at"])
        approved[0].created_at = decided
        approved[0].save(update_fields=["created_at"])
        # ``update``: the resource's own save would mark it as edited now.
        Resource.objects.filter(pk=resource.pk).update(
            created_at=min(resource.created_at, sent - timedelta(days=3)),
            submitted_at=sent,
            published_at=decided,
        )
        index_resource(resource.pk)  # the search sorts by publication date
        moved += 1
    return moved


def load_demo(*, stdout: Any) -> int:
    moved = _moderation()
    rows = []
    resources = Resource.objects.filter(state=ResourceState.PUBLISHED).order_by("pk")
    for resource in resources:
        rng = demo_history.generator(f"library:{resource.title}")
        popularity = rng.randint(1, 6)
        published = (
            timezone.localtime(resource.published_at).date()
            if resource.published_at
            else None
        )
        for day in demo_history.days():
            if rng.random() > 0.35 or (published and day < published):
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
        _(
            "Library history: %(moved)d past submissions and decisions, "
            "%(count)d days of views and downloads added."
        )
        % {"moved": moved, "count": made}
    )
    return made
