"""The survey in a person's data export and account deletion.

The invitation is personal (invited, reminded, answered or not); the
answers are not: nothing links them to the person, so they are neither
exported nor erased with the account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import SurveyInvitation

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_survey_invitations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "event": invitation.survey.event.title,
            "invited_at": invitation.invited_at.isoformat(),
            "reminded_at": invitation.reminded_at
            and invitation.reminded_at.isoformat(),
            "answered": invitation.answered,
        }
        for invitation in SurveyInvitation.objects.filter(participant=user)
        .select_related("survey__event")
        .order_by("invited_at")
    ]


def erase_survey_invitations(user: User, **_options: Any) -> None:
    SurveyInvitation.objects.filter(participant=user).delete()
