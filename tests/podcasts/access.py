"""The podcasts' protected URLs in the shared access matrix (tests/access.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, public, register

covers("podcasts")
public(
    "podcasts:list",
    "podcasts:show",
    "podcasts:feed",
    "podcasts:episode",
    "podcasts:audio",
    "podcasts:artwork",
    "podcasts:transcript",
    "podcasts:chapters",
)

MANAGERS = expect(visitor=302, member=403, curator=200)
DRAFT = expect(visitor=404, member=404, curator=200)

register("podcasts:manage", lambda w: reverse("podcasts:manage"), MANAGERS)
register("podcasts:show_create", lambda w: reverse("podcasts:show_create"), MANAGERS)
register(
    "podcasts:show_edit",
    lambda w: reverse("podcasts:show_edit", args=[w.show.pk]),
    MANAGERS,
)
register(
    "podcasts:season_create",
    lambda w: reverse("podcasts:season_create", args=[w.show.pk]),
    MANAGERS,
)
register(
    "podcasts:season_edit",
    lambda w: reverse("podcasts:season_edit", args=[w.show.pk, w.season.pk]),
    MANAGERS,
)
register(
    "podcasts:episode_create",
    lambda w: reverse("podcasts:episode_create", args=[w.show.pk]),
    MANAGERS,
)
register(
    "podcasts:episode_edit",
    lambda w: reverse("podcasts:episode_edit", args=[w.show.pk, w.draft_episode.pk]),
    MANAGERS,
)
register(
    "podcasts:episode_delete",
    lambda w: reverse("podcasts:episode_delete", args=[w.show.pk, w.draft_episode.pk]),
    MANAGERS,
)
register(
    "podcasts:show",
    lambda w: reverse("podcasts:show", args=[w.draft_show.slug]),
    DRAFT,
    label="draft",
)
register(
    "podcasts:episode",
    lambda w: w.draft_episode.get_absolute_url(),
    DRAFT,
    label="draft",
)
register(
    "podcasts:transcript",
    lambda w: reverse("podcasts:transcript", args=[w.draft_episode.guid]),
    DRAFT,
    label="draft",
)
register(
    "podcasts:chapters",
    lambda w: reverse("podcasts:chapters", args=[w.draft_episode.guid]),
    DRAFT,
    label="draft",
)
