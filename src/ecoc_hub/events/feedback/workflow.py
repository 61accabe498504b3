"""The survey's states on the shared workflow: being prepared → open →
closed (and open again). Opening sends the invitations at once when the
event has ended; otherwise the scheduled job sends them when it ends."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ecoc_hub.core.workflow import Outcome, Transition, TransitionError, Workflow

from .models import Survey, SurveyHistory, SurveyState
from .permissions import can_manage_survey


def _check_has_questions(survey: Survey) -> None:
    if not survey.questions.exists():
        raise TransitionError(
            _("Add at least one question before opening the survey."),
            code="no_questions",
        )


def _invite_now(outcome: Outcome) -> None:
    from .services import invite_participants

    invite_participants(survey=outcome.obj)


SURVEY = Workflow(
    model=Survey,
    field="state",
    history=SurveyHistory,
    history_object="survey",
    transitions=[
        Transition(
            "open",
            sources={SurveyState.DRAFT},
            target=SurveyState.OPEN,
            allowed=can_manage_survey,
            check=_check_has_questions,
            after=_invite_now,
        ),
        Transition(
            "close",
            sources={SurveyState.OPEN},
            target=SurveyState.CLOSED,
            allowed=can_manage_survey,
        ),
        Transition(
            "reopen",
            sources={SurveyState.CLOSED},
            target=SurveyState.OPEN,
            allowed=can_manage_survey,
            after=_invite_now,
        ),
    ],
)
