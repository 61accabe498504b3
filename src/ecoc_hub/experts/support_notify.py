"""E-mails about support: each person in their own language.

The expert hears from the team's side (invitations, state changes, messages)
and the team from the expert's. On the team's side the request's author and
the team admins are written to. A message is quoted in the e-mail; no one's
address is: the e-mail comes from the site and points to the thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from ecoc_hub.accounts.models import Membership
from ecoc_hub.core.mail import queue_email

from .support_enums import Side

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User
    from ecoc_hub.core.workflow import Outcome

    from .support_models import SupportAssignment, SupportMessage

TEMPLATE = "experts/email/support"


def _reachable(user: User | None) -> bool:
    return bool(
        user is not None and user.is_active and user.email and not user.is_former_member
    )


def team_recipients(assignment: SupportAssignment) -> list[User]:
    request = assignment.request
    people: dict[int, User] = {}
    if request.created_by is not None and _reachable(request.created_by):
        people[request.created_by.pk] = request.created_by
    admins = Membership.objects.filter(
        organisation_id=request.team_id, role=Membership.Role.ADMIN
    ).select_related("user")
    for membership in admins:
        if _reachable(membership.user):
            people.setdefault(membership.user.pk, membership.user)
    # Still an active member of the team: an author who left hears nothing.
    members = set(
        Membership.objects.filter(organisation_id=request.team_id).values_list(
            "user_id", flat=True
        )
    )
    return [user for pk, user in people.items() if pk in members]


def expert_recipients(assignment: SupportAssignment) -> list[User]:
    if assignment.expert is None:  # the expert's account was deleted
        return []
    user = assignment.expert.user
    return [user] if _reachable(user) else []


def _send(
    recipients: list[User], *, kind: str, assignment: SupportAssignment, **extra: Any
) -> None:
    url = settings.SITE_URL + assignment.get_absolute_url()
    for user in recipients:
        queue_email(
            to=[user.email],
            template=TEMPLATE,
            context={
                "kind": kind,
                "name": user.public_name,
                "team": assignment.request.team.name,
                "request_title": assignment.request.title,
                "expert": assignment.expert_name,
                "url": url,
                **extra,
            },
            language=user.preferred_language or settings.LANGUAGE_CODE,
        )


def invited(assignment: SupportAssignment) -> None:
    _send(expert_recipients(assignment), kind="invite", assignment=assignment)


def assignment_changed(outcome: Outcome) -> None:
    assignment: SupportAssignment = outcome.obj
    by_expert = (
        outcome.actor is not None
        and assignment.expert is not None
        and outcome.actor.pk == assignment.expert.user_id
    )
    if by_expert:
        recipients = team_recipients(assignment)
    else:
        recipients = expert_recipients(assignment)
    _send(
        recipients,
        kind=outcome.action,
        assignment=assignment,
        comment=outcome.comment,
    )


def message_sent(message: SupportMessage) -> None:
    assignment = message.assignment
    recipients = (
        expert_recipients(assignment)
        if message.side == Side.TEAM
        else team_recipients(assignment)
    )
    author = message.author.public_name if message.author else ""
    _send(
        recipients,
        kind="message",
        assignment=assignment,
        author=author,
        body=message.body,
    )
