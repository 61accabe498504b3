"""Invitations to a team: sending, resending, cancelling, accepting."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.workflow import transition

from .. import queries
from ..models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    User,
)

INVITATION_LIFETIME = timedelta(days=14)


class InvitationError(Exception):
    """An invitation that cannot be accepted; the message says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# Invitations -----------------------------------------------------------------


def _send_invitation(*, invitation: Invitation, language: str) -> None:
    invitee = User.objects.filter(
        email__iexact=invitation.email, is_active=True
    ).first()
    if invitee is not None and invitee.preferred_language:
        language = invitee.preferred_language
    inviter = invitation.invited_by
    queue_email(
        to=[invitation.email],
        template="accounts/email/invitation",
        context={
            "team_name": invitation.organisation.name,
            "inviter_name": inviter.public_name if inviter else "",
            "role": Membership.Role(invitation.role).label,
            "accept_url": settings.SITE_URL
            + reverse("accounts:invitation", args=[invitation.token]),
            "expires_at": invitation.expires_at,
            "site_url": settings.SITE_URL,
        },
        language=language,
    )


@transaction.atomic
def invite_to_team(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User,
    language: str | None = None,
) -> Invitation:
    """Invite ``email``, replacing any earlier pending invitation to this team."""
    email = email.strip()
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    _send_invitation(invitation=invitation, language=language or get_language())
    return invitation


@transaction.atomic
def resend_invitation(
    *, invitation: Invitation, language: str | None = None
) -> Invitation:
    """Send again with a fresh link and a new expiry; the old link stops working."""
    invitation.token = secrets.token_urlsafe(32)
    invitation.expires_at = timezone.now() + INVITATION_LIFETIME
    invitation.save(update_fields=["token", "expires_at"])
    _send_invitation(invitation=invitation, language=language or get_language())
    return invitation


@transaction.atomic
def cancel_invitation(*, invitation: Invitation) -> None:
    invitation.delete()


def check_invitation(*, invitation: Invitation, user: User | None = None) -> None:
    """Raise InvitationError unless ``invitation`` can be accepted (by ``user``)."""
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    if user is not None:
        addresses = {address.casefold() for address in queries.verified_emails(user)}
        if invitation.email.casefold() not in addresses:
            raise InvitationError("wrong_person")


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    # Lock the row so that two clicks cannot both accept it.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation(invitation=invitation, user=user)
    membership, created = Membership.objects.get_or_create(
        organisation_id=invitation.organisation_id,
        user=user,
        defaults={"role": invitation.role},
    )
    if not created and invitation.role == Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # The person is in the team now: a request of theirs no longer waits.
    for join_request in JoinRequest.objects.filter(
        organisation_id=invitation.organisation_id,
        user=user,
        status=JoinRequest.Status.PENDING,
    ):
        transition(join_request, "join_by_invitation", actor=user)
    return membership
