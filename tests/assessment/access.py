"""The assessment app's protected URLs in the shared access matrix.

The world's ``member`` is a team admin of the world's team, which has a
draft assessment and a submitted one shared with the ``expert`` column's
person (the "expert shared with" role). An assessment is a 404 to everyone
outside the team, curators included (they see the anonymised aggregates);
site admins act as every team's admin. A plain team member (not admin) is
tested in test_permissions.py: the matrix has no such column.
"""

from __future__ import annotations

from django.urls import reverse

from ecoc_hub.assessment import framework
from tests.access import covers, expect, extend_world, public, register

covers("assessment")
public("assessment:framework", "assessment:version")


@extend_world
def _assessments(world) -> None:
    from .conftest import answer_all, make_assessment

    member, expert = world.people["member"], world.people["expert"]
    world.assessment_draft = make_assessment(world.team, person=member)
    done = make_assessment(world.team, stage="monitoring_1", person=member)
    answer_all(done, member, level=2)
    from ecoc_hub.assessment import services

    services.submit_assessment(assessment=done, person=member)
    done.refresh_from_db()
    services.share_assessment(
        assessment=done, experts=[expert], peer_visible=False, person=member
    )
    world.assessment_done = done
    world.framework_draft = framework.start_draft(curator=world.people["curator"])


SIGNED_IN = expect(visitor=302, member=200, curator=200, admin=200)
register("assessment:index", lambda w: reverse("assessment:index"), SIGNED_IN)
register(
    "assessment:team",
    lambda w: reverse("assessment:team", args=[w.team.slug]),
    expect(visitor=302, member=200, other_team_member=403, curator=403, admin=200),
)
register(
    "assessment:start",
    lambda w: reverse("assessment:start", args=[w.team.slug]),
    expect(visitor=302, member=302, other_team_member=403, curator=403, admin=403),
    method="post",
    data=lambda w: {"stage": "bid"},
)
TEAM_DRAFT = expect(
    visitor=302, member=200, other_team_member=404, curator=404, admin=200
)
register(
    "assessment:detail",
    lambda w: w.assessment_draft.get_absolute_url(),
    TEAM_DRAFT,
)
register(
    "assessment:part",
    lambda w: reverse("assessment:part", args=[w.assessment_draft.uuid, "E"]),
    expect(visitor=302, member=200, other_team_member=404, curator=404, admin=403),
)
register(
    "assessment:submit",
    lambda w: reverse("assessment:submit", args=[w.assessment_draft.uuid]),
    # Refused as incomplete: back to the assessment with the message.
    expect(visitor=302, member=302, other_team_member=404, curator=404, admin=302),
    method="post",
)
SHARED = expect(
    visitor=302, member=200, other_team_member=404, curator=404, admin=200, expert=200
)
register(
    "assessment:result",
    lambda w: reverse("assessment:result", args=[w.assessment_done.uuid]),
    SHARED,
)
register(
    "assessment:report",
    lambda w: reverse("assessment:report", args=[w.assessment_done.uuid]),
    SHARED,
)
register(
    "assessment:result",
    lambda w: reverse("assessment:result", args=[w.assessment_draft.uuid]),
    TEAM_DRAFT,
    label="draft",
)
register(
    "assessment:share",
    lambda w: reverse("assessment:share", args=[w.assessment_done.uuid]),
    expect(
        visitor=302,
        member=200,
        other_team_member=404,
        curator=404,
        admin=200,
        expert=403,
    ),
)
register(
    "assessment:version",
    lambda w: w.framework_draft.get_absolute_url(),
    expect(visitor=404, member=404, curator=200),
    label="draft",
)
CURATORS = expect(visitor=302, member=403, curator=200)
register(
    "assessment:statement_new",
    lambda w: reverse("assessment:statement_new", args=[w.framework_draft.number]),
    CURATORS,
)
register(
    "assessment:statement",
    lambda w: reverse(
        "assessment:statement",
        args=[w.framework_draft.number, w.framework_draft.statements.first().pk],
    ),
    CURATORS,
)
register(
    "assessment:level",
    lambda w: reverse("assessment:level", args=[w.framework_draft.number, 3]),
    CURATORS,
)
register(
    "assessment:statement_delete",
    lambda w: reverse(
        "assessment:statement_delete",
        args=[w.framework_draft.number, w.framework_draft.statements.first().pk],
    ),
    expect(visitor=302, member=403, curator=302),
    method="post",
)
register(
    "assessment:publish",
    lambda w: reverse("assessment:publish", args=[w.framework_draft.number]),
    # No note: the form is shown again with the error.
    expect(visitor=302, member=403, curator=400),
    method="post",
)
register(
    "assessment:draft",
    lambda w: reverse("assessment:draft"),
    expect(visitor=302, member=403, curator=302),
    method="post",
)
register("assessment:aggregates", lambda w: reverse("assessment:aggregates"), CURATORS)
register(
    "assessment:aggregates_csv",
    lambda w: reverse("assessment:aggregates_csv"),
    CURATORS,
)
