"""The life of an application: its state table (``core.workflow``).

draft ──submit──▶ submitted ──start_review──▶ under_review ──accept──▶ accepted
                      │                            └──────reject──▶ rejected
                      └──withdraw──▶ withdrawn ◀──withdraw──┘

``submit`` checks, on the server and always, that the call is open and that
every eligibility rule is met (``eligibility.blocking``); it stamps the
submission time and the evaluation round. ``accept`` and ``reject`` are
taken when a round's decisions are sent (``services.send_decisions``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.core.workflow import Transition, TransitionError, Workflow

from . import permissions
from .eligibility import Facts, blocking
from .models import Application, ApplicationEvent

State = Application.State


def _check_submittable(application: Application) -> None:
    if not application.call.is_open():
        raise TransitionError(_("This call is closed."), code="call_closed")
    problems = blocking(application.call, Facts.of(application))
    if problems:
        first = problems[0]
        raise TransitionError(first.reason, field=first.field, code=first.rule)


def _stamp_submitted(application: Application, comment: str) -> list[str]:
    now = timezone.now()
    application.submitted_at = now
    application.round = application.call.round_for(timezone.localdate(now))
    return ["submitted_at", "round"]


APPLICATION = Workflow(
    model=Application,
    field="state",
    history=ApplicationEvent,
    history_object="application",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This action is not possible while the application is “%(state)s”."
    ),
    transitions=[
        Transition(
            "submit",
            sources={State.DRAFT},
            target=State.SUBMITTED,
            allowed=permissions.can_submit,
            check=_check_submittable,
            apply=_stamp_submitted,
        ),
        Transition(
            "withdraw",
            sources={State.SUBMITTED, State.UNDER_REVIEW},
            target=State.WITHDRAWN,
            allowed=permissions.can_withdraw,
        ),
        Transition(
            "start_review",
            sources={State.SUBMITTED},
            target=State.UNDER_REVIEW,
            allowed=permissions.can_decide,
        ),
        Transition(
            "accept",
            sources={State.UNDER_REVIEW},
            target=State.ACCEPTED,
            allowed=permissions.can_decide,
        ),
        Transition(
            "reject",
            sources={State.UNDER_REVIEW},
            target=State.REJECTED,
            allowed=permissions.can_decide,
        ),
    ],
)
