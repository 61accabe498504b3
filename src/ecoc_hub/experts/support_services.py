"""Writes for support requests, invitations, messages and feedback.

States change only through ``support_workflow`` (``core.workflow``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import Outcome, transition

from . import permissions, support_notify
from .enums import WORKING_LANGUAGES, Profile
from .models import ExpertProfile
from .support_enums import AssignmentState, RequestState, SupportFormat
from .support_models import (
    AssignmentEvent,
    SupportAssignment,
    SupportConflict,
    SupportFeedback,
    SupportMessage,
    SupportRequest,
)

#: The fields ``values`` may carry for a request.
REQUEST_FIELDS = (
    "title",
    "description",
    "text_language",
    "profiles",
    "languages",
    "format",
    "starts_on",
    "ends_on",
    "budget_min",
    "budget_max",
)


def _validate(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if set(values.get("profiles", [])) - set(Profile.values):
        errors["profiles"] = [_("Choose profiles from the list.")]
    if set(values.get("languages", [])) - set(WORKING_LANGUAGES):
        errors["languages"] = [_("Choose languages from the list.")]
    if values.get("format", SupportFormat.EITHER) not in SupportFormat.values:
        errors["format"] = [_("Choose a format from the list.")]
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = [_("The end date comes before the start date.")]
    low, high = values.get("budget_min"), values.get("budget_max")
    if low is not None and high is not None and high < low:
        errors["budget_max"] = [_("The upper budget is below the lower one.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_request(
    *,
    team: Organisation,
    author: User,
    values: dict[str, Any],
    capacity_areas: Sequence[CapacityArea],
) -> SupportRequest:
    if team.pk not in permissions.team_ids(author):
        raise ActionRefused
    _validate(values)
    request = SupportRequest(team=team, created_by=author)
    for name in REQUEST_FIELDS:
        if name in values:
            setattr(request, name, values[name])
    request.save()
    request.capacity_areas.set(capacity_areas)
    return request


@transaction.atomic
def update_request(
    *,
    request: SupportRequest,
    actor: User,
    values: dict[str, Any],
    capacity_areas: Sequence[CapacityArea],
) -> SupportRequest:
    if not permissions.can_edit_support_request(actor, request):
        raise ActionRefused
    _validate(values)
    for name in REQUEST_FIELDS:
        if name in values:
            setattr(request, name, values[name])
    request.save()
    request.capacity_areas.set(capacity_areas)
    return request


def move_request(*, request: SupportRequest, action: str, actor: User) -> Outcome:
    return transition(request, action, actor=actor)


@transaction.atomic
def set_city_page_consent(*, request: SupportRequest, actor: User, show: bool) -> None:
    if not permissions.can_set_city_page_consent(actor, request):
        raise ActionRefused
    request.show_on_city_page = show
    request.save(update_fields=["show_on_city_page", "updated_at"])


def _is_excluded(request: SupportRequest, expert: ExpertProfile) -> str:
    """Why the expert may not be invited to this request, or ``""``."""
    if request.team.memberships.filter(user_id=expert.user_id).exists():
        return _("This expert belongs to your team.")
    if SupportConflict.objects.filter(expert=expert, team=request.team).exists():
        return _("This expert declared a conflict of interest with your team.")
    return ""


@transaction.atomic
def invite(
    *,
    request: SupportRequest,
    expert: ExpertProfile,
    actor: User,
    score: int | None = None,
) -> SupportAssignment:
    """Invite an expert of the pool; refuses the excluded and the invited."""
    SupportRequest.objects.select_for_update().get(pk=request.pk)
    if not permissions.can_invite(actor, request):
        raise ActionRefused
    reason = _is_excluded(request, expert)
    if reason:
        raise ValidationError(reason)
    if SupportAssignment.objects.filter(request=request, expert=expert).exists():
        raise ValidationError(_("This expert has already been invited."))
    assignment = SupportAssignment.objects.create(
        request=request, expert=expert, invited_by=actor, score=score
    )
    AssignmentEvent.objects.create(
        assignment=assignment,
        action="invite",
        actor=actor,
        from_state="",
        to_state=AssignmentState.INVITED,
    )
    support_notify.invited(assignment)
    return assignment


@transaction.atomic
def decline(
    *,
    assignment: SupportAssignment,
    actor: User,
    comment: str = "",
    conflict: bool = False,
) -> Outcome:
    """The expert declines; with ``conflict`` they declare a conflict of
    interest with the team, which keeps them out of its matches."""
    outcome = transition(assignment, "decline", actor=actor, comment=comment)
    if conflict:
        SupportConflict.objects.get_or_create(
            expert=assignment.expert,
            team=assignment.request.team,
            defaults={"reason": comment[:500]},
        )
    return outcome


def move(
    *, assignment: SupportAssignment, action: str, actor: User, comment: str = ""
) -> Outcome:
    return transition(assignment, action, actor=actor, comment=comment)


@transaction.atomic
def send_message(
    *, assignment: SupportAssignment, author: User, body: str
) -> SupportMessage:
    if not permissions.can_write_message(author, assignment):
        raise ActionRefused
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    message = SupportMessage.objects.create(
        assignment=assignment,
        author=author,
        side=permissions.side_of(author, assignment),
        body=body,
    )
    support_notify.message_sent(message)
    return message


@transaction.atomic
def give_feedback(
    *, assignment: SupportAssignment, author: User, rating: int, comment: str = ""
) -> SupportFeedback:
    if not permissions.can_give_feedback(author, assignment):
        raise ActionRefused
    if rating not in range(1, 6):
        raise ValidationError({"rating": [_("Choose a rating from 1 to 5.")]})
    side = permissions.side_of(author, assignment)
    if SupportFeedback.objects.filter(assignment=assignment, side=side).exists():
        raise ValidationError(_("Your side has already given its feedback."))
    return SupportFeedback.objects.create(
        assignment=assignment,
        side=side,
        author=author,
        rating=rating,
        comment=comment.strip(),
    )


__all__ = [
    "REQUEST_FIELDS",
    "RequestState",
    "create_request",
    "decline",
    "give_feedback",
    "invite",
    "move",
    "move_request",
    "send_message",
    "set_city_page_consent",
    "update_request",
]
