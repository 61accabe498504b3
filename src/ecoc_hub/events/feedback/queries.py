from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import SurveyInvitation, SurveyState

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def surveys_to_answer(user: User) -> QuerySet[SurveyInvitation]:
    """The open surveys a person is invited to and has not answered."""
    return SurveyInvitation.objects.filter(
        participant=user, answered=False, survey__state=SurveyState.OPEN
    ).select_related("survey__event")
