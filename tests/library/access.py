"""The library's protected URLs in the shared access matrix (tests/access.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, public, register

covers("library")
public("library:list", "library:collections")

HIDDEN_DRAFT = expect(visitor=404, member=200, other_team_member=404, curator=200)
TEAM_ONLY = expect(visitor=403, member=200, other_team_member=403, curator=200)
SIGNED_IN = expect(visitor=302, member=200, curator=200)
OWNER_EDITS = expect(visitor=302, member=200, other_team_member=404, curator=200)
CURATORS = expect(visitor=302, member=403, curator=200)
CURATORS_POST = expect(visitor=302, member=403, curator=302)


def _draft_step(name: str) -> None:
    register(
        f"library:deposit_{name}",
        lambda w: reverse(f"library:deposit_{name}", args=[w.draft.uuid]),
        OWNER_EDITS,
    )


register(
    "library:resource",
    lambda w: w.draft.get_absolute_url(),
    HIDDEN_DRAFT,
    label="draft",
)
register(
    "library:resource_short",
    lambda w: reverse("library:resource_short", args=[w.draft.uuid]),
    HIDDEN_DRAFT,
)
register(
    "library:resource",
    lambda w: w.team_only.get_absolute_url(),
    TEAM_ONLY,
    label="team",
)
register(
    "library:resource",
    lambda w: w.members_only.get_absolute_url(),
    expect(visitor=403, member=200, curator=200),
    label="members",
)
register(
    "library:resource",
    lambda w: w.withdrawn.get_absolute_url(),
    expect(visitor=410, member=410, curator=410),
    label="withdrawn",
)
register(
    "library:file",
    lambda w: w.draft_file.get_absolute_url(),
    HIDDEN_DRAFT,
    label="draft",
)
register(
    "library:file", lambda w: w.team_file.get_absolute_url(), TEAM_ONLY, label="team"
)
register(
    "library:file",
    lambda w: w.withdrawn_file.get_absolute_url(),
    expect(visitor=404, member=404, curator=200),
    label="withdrawn",
)
register(
    "library:viewer",
    lambda w: reverse("library:viewer", args=[w.team_file.uuid]),
    TEAM_ONLY,
)
register(
    "library:thumbnail",
    lambda w: reverse("library:thumbnail", args=[w.draft_file.uuid]),
    HIDDEN_DRAFT,
)
register(
    "library:new_version",
    lambda w: reverse("library:new_version", args=[w.published_file.uuid]),
    expect(visitor=302, member=200, other_team_member=403, curator=200),
)
register(
    "library:report",
    lambda w: reverse("library:report", args=[w.team_only.uuid]),
    TEAM_ONLY,
)
register(
    "library:withdraw",
    lambda w: reverse("library:withdraw", args=[w.published.uuid]),
    CURATORS,
)
register("library:deposit", lambda w: reverse("library:deposit"), SIGNED_IN)
for _step in ("metadata", "files", "access", "review"):
    _draft_step(_step)
register(
    "library:deposit_remove_file",
    lambda w: reverse(
        "library:deposit_remove_file", args=[w.draft.uuid, w.draft_file.uuid]
    ),
    expect(visitor=302, member=302, other_team_member=404, curator=302),
    method="post",
)
register("library:mine", lambda w: reverse("library:mine"), SIGNED_IN)
register("library:moderation", lambda w: reverse("library:moderation"), CURATORS)
register(
    "library:moderate",
    lambda w: reverse("library:moderate", args=[w.submitted.uuid]),
    CURATORS,
)
register("library:reports", lambda w: reverse("library:reports"), CURATORS)
register(
    "library:resolve_report",
    lambda w: reverse("library:resolve_report", args=[w.report.pk]),
    CURATORS_POST,
    method="post",
    data=lambda w: {"resolution": "Fixed the link."},
)
register(
    "library:collection",
    lambda w: w.hidden_collection.get_absolute_url(),
    expect(visitor=404, member=404, curator=200),
)
register(
    "library:collection_new", lambda w: reverse("library:collection_new"), CURATORS
)
register(
    "library:collection_edit",
    lambda w: reverse("library:collection_edit", args=[w.hidden_collection.slug]),
    CURATORS,
)
