"""The feedback survey's pages in the access matrix.

The world's camp has a survey (added below) to which ``member`` is invited:
only that person may open the answer page; its organiser (the ``organiser``
column) and curators run the survey and read the summary. The draft camp's
survey is a 404 to everyone who may not see the draft.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.access import covers, expect, extend_world, register

covers("feedback")

RUNS_IT = expect(visitor=302, member=403, curator=200, organiser=200)
RUNS_IT_POST = expect(visitor=302, member=403, curator=302, organiser=302)


@extend_world
def _survey(world) -> None:
    from ecoc_hub.events.feedback.models import SurveyInvitation
    from ecoc_hub.events.feedback.services import survey_for

    world.survey = survey_for(world.event)
    world.survey_question = world.survey.questions.first()
    SurveyInvitation.objects.create(
        survey=world.survey,
        participant=world.people["member"],
        invited_at=timezone.now(),
    )


register(
    "feedback:answer",
    lambda w: reverse("feedback:answer", args=[w.event.slug]),
    expect(visitor=302, member=200, other_team_member=403, curator=403, organiser=403),
)
register(
    "feedback:answer",
    lambda w: reverse("feedback:answer", args=[w.draft_event.slug]),
    expect(visitor=302, member=404, curator=403, organiser=403),
    label="draft",
)
for name in ("manage", "question_new", "summary", "summary_csv"):
    register(
        f"feedback:{name}",
        lambda w, name=name: reverse(f"feedback:{name}", args=[w.event.slug]),
        RUNS_IT,
    )
register(
    "feedback:manage",
    lambda w: reverse("feedback:manage", args=[w.draft_event.slug]),
    expect(visitor=302, member=404, curator=200, organiser=200),
    label="draft",
)
register(
    "feedback:question_edit",
    lambda w: reverse(
        "feedback:question_edit", args=[w.event.slug, w.survey_question.pk]
    ),
    RUNS_IT,
)
register(
    "feedback:question_delete",
    lambda w: reverse(
        "feedback:question_delete", args=[w.event.slug, w.survey_question.pk]
    ),
    RUNS_IT_POST,
    method="post",
)
register(
    "feedback:state",
    lambda w: reverse("feedback:state", args=[w.event.slug, "open"]),
    RUNS_IT_POST,
    method="post",
)
