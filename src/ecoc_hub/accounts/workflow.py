"""The transition table of a join request's ``status`` (``core.workflow``)::

    pending ──accept──▶ accepted      (a team admin or a curator; the person
       │                               becomes a team member)
       ├──decline──▶ declined         (the same people, with a reason that
       │                               the person receives)
       ├──withdraw──▶ withdrawn       (the person who asked)
       └──join_by_invitation──▶ accepted
                                      (the person who asked accepted an
                                       invitation to the same team)

Every step writes a ``JoinRequestEvent`` (who, when, from, to, comment),
which the team admins see on the team page.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ecoc_hub.core.workflow import Outcome, Transition, Workflow

from . import permissions
from .enums import JoinRequestStatus, TeamRole
from .models import JoinRequest, JoinRequestEvent, Membership

S = JoinRequestStatus


def _answered(join_request: JoinRequest, comment: str) -> list[str]:
    join_request.decided_at = timezone.now()
    return ["decided_at"]


def _after_accept(outcome: Outcome) -> None:
    from .services import mail_join_request_answer

    join_request = outcome.obj
    Membership.objects.get_or_create(
        organisation_id=join_request.organisation_id,
        user_id=join_request.user_id,
        defaults={"role": TeamRole.MEMBER},
    )
    mail_join_request_answer(outcome=outcome, template="join_request_accepted")


def _after_decline(outcome: Outcome) -> None:
    from .services import mail_join_request_answer

    mail_join_request_answer(outcome=outcome, template="join_request_declined")


JOIN_REQUEST = Workflow(
    model=JoinRequest,
    field="status",
    history=JoinRequestEvent,
    history_object="join_request",
    history_action="action",
    wrong_state_message=gettext_lazy(
        "This request has already been answered: it is “%(state)s”."
    ),
    transitions=[
        Transition(
            "accept",
            sources={S.PENDING},
            target=S.ACCEPTED,
            allowed=permissions.can_decide_join_request,
            apply=_answered,
            after=_after_accept,
        ),
        Transition(
            "decline",
            sources={S.PENDING},
            target=S.DECLINED,
            allowed=permissions.can_decide_join_request,
            comment_required=True,
            comment_message=gettext_lazy(
                "Tell the person why you decline, so that they know what to do "
                "next. They receive it by e-mail."
            ),
            apply=_answered,
            after=_after_decline,
        ),
        Transition(
            "withdraw",
            sources={S.PENDING},
            target=S.WITHDRAWN,
            allowed=permissions.is_join_request_author,
            apply=_answered,
        ),
        Transition(
            "join_by_invitation",
            sources={S.PENDING},
            target=S.ACCEPTED,
            allowed=permissions.is_join_request_author,
            apply=_answered,
        ),
    ],
)

#: The actions the team page offers as buttons (the last one happens when
#: the person accepts an invitation, never from a button).
DECISIONS = ("accept", "decline", "withdraw")
