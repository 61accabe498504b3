"""The states of support requests and assignments (``core.workflow``).

Request:  draft ──submit──▶ submitted ──close──▶ closed
            └────withdraw────┴──withdraw──▶ withdrawn

Assignment (one expert on one request):

    invited ──accept──▶ agreed ──start──▶ in_progress ──complete──▶ completed
       ├──decline──▶ declined      └──cancel──┴──cancel──▶ cancelled
       └──withdraw──▶ withdrawn

The expert accepts or declines; the team withdraws an invitation, starts
and completes the work; either side cancels agreed work (with a reason).
Every step e-mails the other side in their language (``support_notify``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.core.workflow import Outcome, Transition, TransitionError, Workflow

from . import permissions, support_notify
from .support_enums import AssignmentState, RequestState
from .support_models import (
    AssignmentEvent,
    SupportAssignment,
    SupportRequest,
    SupportRequestEvent,
)


def _check_request_complete(request: SupportRequest) -> None:
    if not request.capacity_areas.exists():
        raise TransitionError(
            _("Choose at least one capacity area."),
            field="capacity_areas",
            code="no_capacity_area",
        )


def _stamp_submitted(request: SupportRequest, comment: str) -> list[str]:
    request.submitted_at = timezone.now()
    return ["submitted_at"]


REQUEST = Workflow(
    model=SupportRequest,
    field="state",
    history=SupportRequestEvent,
    history_object="request",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This action is not possible while the request is “%(state)s”."
    ),
    transitions=[
        Transition(
            "submit",
            sources={RequestState.DRAFT},
            target=RequestState.SUBMITTED,
            allowed=permissions.can_act_for_team,
            check=_check_request_complete,
            apply=_stamp_submitted,
        ),
        Transition(
            "close",
            sources={RequestState.SUBMITTED},
            target=RequestState.CLOSED,
            allowed=permissions.can_act_for_team,
        ),
        Transition(
            "withdraw",
            sources={RequestState.DRAFT, RequestState.SUBMITTED},
            target=RequestState.WITHDRAWN,
            allowed=permissions.can_act_for_team,
        ),
    ],
)


def _check_request_open(assignment: SupportAssignment) -> None:
    if assignment.request.state != RequestState.SUBMITTED:
        raise TransitionError(
            _("The team is no longer looking for experts on this request."),
            code="request_not_open",
        )


def _notify(outcome: Outcome) -> None:
    support_notify.assignment_changed(outcome)


ASSIGNMENT = Workflow(
    model=SupportAssignment,
    field="state",
    history=AssignmentEvent,
    history_object="assignment",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This action is not possible while the assignment is “%(state)s”."
    ),
    transitions=[
        Transition(
            "accept",
            sources={AssignmentState.INVITED},
            target=AssignmentState.AGREED,
            allowed=permissions.can_answer_invitation,
            check=_check_request_open,
            after=_notify,
        ),
        Transition(
            "decline",
            sources={AssignmentState.INVITED},
            target=AssignmentState.DECLINED,
            allowed=permissions.can_answer_invitation,
            after=_notify,
        ),
        Transition(
            "withdraw",
            sources={AssignmentState.INVITED},
            target=AssignmentState.WITHDRAWN,
            allowed=permissions.can_manage_assignment,
            after=_notify,
        ),
        Transition(
            "start",
            sources={AssignmentState.AGREED},
            target=AssignmentState.IN_PROGRESS,
            allowed=permissions.can_manage_assignment,
            after=_notify,
        ),
        Transition(
            "complete",
            sources={AssignmentState.IN_PROGRESS},
            target=AssignmentState.COMPLETED,
            allowed=permissions.can_manage_assignment,
            after=_notify,
        ),
        Transition(
            "cancel",
            sources={AssignmentState.AGREED, AssignmentState.IN_PROGRESS},
            target=AssignmentState.CANCELLED,
            allowed=permissions.is_assignment_party,
            comment_required=True,
            comment_message=gettext_lazy("Say why the work is cancelled."),
            after=_notify,
        ),
    ],
)
