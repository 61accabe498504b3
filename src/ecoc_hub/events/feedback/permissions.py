"""Who may run a survey and who may answer it."""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_member

from ..permissions import can_manage_event
from .models import Survey, SurveyInvitation


def can_manage_survey(user: Any, survey: Survey) -> bool:
    return can_manage_event(user, survey.event)


def invitation_for(user: Any, survey: Survey) -> SurveyInvitation | None:
    if not is_member(user):
        return None
    return SurveyInvitation.objects.filter(survey=survey, participant=user).first()


def is_invited(user: Any, survey: Survey) -> bool:
    return invitation_for(user, survey) is not None
