"""A person's answers in their data export, and what their deletion does.

An assessment belongs to its team, not to the people who answered it: when
an account is deleted the answers stay (the team's record), without the
person's name; the person is removed from the experts a result is shared
with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecoc_hub.accounts.privacy import ContributionChoice
from ecoc_hub.core import metrics

from .models import Answer, Assessment, AssessmentEvent

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_assessment_data(user: User) -> dict[str, Any]:
    answers = (
        Answer.objects.filter(answered_by=user)
        .select_related("assessment__organisation", "statement__area")
        .order_by("answered_at", "pk")
    )
    return {
        "answers": [
            {
                "team": answer.assessment.organisation.name,
                "assessment": str(answer.assessment.uuid),
                "capacity_area": answer.statement.area.name,
                "statement": answer.statement.text_en,
                "level": answer.level,
                "evidence": answer.evidence,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer in answers
        ],
        "started": [str(a.uuid) for a in Assessment.objects.filter(started_by=user)],
        "shared_with_me": [
            str(a.uuid) for a in Assessment.objects.filter(shared_with=user)
        ],
    }


def erase_assessment_data(user: User, *, contributions: ContributionChoice) -> None:
    Answer.objects.filter(answered_by=user).update(answered_by=None)
    Assessment.objects.filter(started_by=user).update(started_by=None)
    AssessmentEvent.objects.filter(actor=user).update(actor=None)
    metrics.changed("assessment")
    user.shared_assessments.clear()
