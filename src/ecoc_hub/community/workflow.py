"""The state tables of posts, notices and appeals (``core.workflow``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import Transition, Workflow

from . import permissions
from .enums import (
    AppealState,
    NoticeState,
    NotificationKind,
    PeerRequestState,
    PostState,
)
from .models import (
    Appeal,
    AppealEvent,
    Notice,
    NoticeEvent,
    PeerRequest,
    PeerRequestEvent,
    Post,
    PostEvent,
)

REASONS_REQUIRED = _("Write the facts and reasons: the author receives them.")


def _decided(obj: Any, comment: str) -> Iterable[str]:
    obj.decided_at = timezone.now()
    return ["decided_at"]


POST_STATE = Workflow(
    model=Post,
    field="state",
    history=PostEvent,
    history_object="post",
    transitions=[
        Transition(
            "approve",
            sources={PostState.HELD},
            target=PostState.PUBLISHED,
            allowed=permissions.can_moderate_post,
        ),
        Transition(
            "hide",
            sources={PostState.PUBLISHED, PostState.HELD},
            target=PostState.HIDDEN,
            allowed=permissions.can_moderate_post,
            comment_required=True,
            comment_message=REASONS_REQUIRED,
        ),
        Transition(
            "restore",
            sources={PostState.HIDDEN},
            target=PostState.PUBLISHED,
            allowed=permissions.can_moderate_post,
        ),
    ],
)

NOTICE_STATE = Workflow(
    model=Notice,
    field="state",
    history=NoticeEvent,
    history_object="notice",
    transitions=[
        Transition(
            "action",
            sources={NoticeState.OPEN},
            target=NoticeState.ACTIONED,
            allowed=permissions.can_decide_notice,
            comment_required=True,
            comment_message=REASONS_REQUIRED,
            apply=_decided,
        ),
        Transition(
            "dismiss",
            sources={NoticeState.OPEN},
            target=NoticeState.DISMISSED,
            allowed=permissions.can_decide_notice,
            comment_required=True,
            comment_message=_("Write why no action is taken: the reporter reads it."),
            apply=_decided,
        ),
    ],
)

APPEAL_STATE = Workflow(
    model=Appeal,
    field="state",
    history=AppealEvent,
    history_object="appeal",
    transitions=[
        Transition(
            "reverse",
            sources={AppealState.OPEN},
            target=AppealState.REVERSED,
            allowed=permissions.can_decide_appeal,
            comment_required=True,
            apply=_decided,
        ),
        Transition(
            "confirm",
            sources={AppealState.OPEN},
            target=AppealState.CONFIRMED,
            allowed=permissions.can_decide_appeal,
            comment_required=True,
            apply=_decided,
        ),
    ],
)


def _answered(obj: Any, comment: str) -> Iterable[str]:
    obj.answered_at = timezone.now()
    return ["answered_at"]


def _tell_asking_team(outcome: Any) -> None:
    from .peers import tell_team

    request = outcome.obj
    tell_team(
        team=request.from_team,
        kind=NotificationKind.PEER_ANSWERED,
        request=request,
        but=outcome.actor,
    )


PEER_REQUEST_STATE = Workflow(
    model=PeerRequest,
    field="state",
    history=PeerRequestEvent,
    history_object="request",
    transitions=[
        Transition(
            "accept",
            sources={PeerRequestState.REQUESTED},
            target=PeerRequestState.ACCEPTED,
            allowed=permissions.can_answer_peer_request,
            apply=_answered,
            after=_tell_asking_team,
        ),
        Transition(
            "decline",
            sources={PeerRequestState.REQUESTED},
            target=PeerRequestState.DECLINED,
            allowed=permissions.can_answer_peer_request,
            comment_required=True,
            comment_message=_("Say why, so that they can ask someone else."),
            apply=_answered,
            after=_tell_asking_team,
        ),
        Transition(
            "withdraw",
            sources={PeerRequestState.REQUESTED, PeerRequestState.ACCEPTED},
            target=PeerRequestState.WITHDRAWN,
            allowed=permissions.can_withdraw_peer_request,
        ),
        Transition(
            "complete",
            sources={PeerRequestState.ACCEPTED},
            target=PeerRequestState.COMPLETED,
            allowed=permissions.can_complete_peer_request,
        ),
    ],
)
