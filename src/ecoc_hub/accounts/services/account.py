"""Consents, deleting an account, and the export of one's data."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import transaction

from .. import queries
from ..models import (
    Consent,
    Invitation,
    JoinRequest,
    JoinRequestEvent,
    Membership,
    User,
)
from ..privacy import ContributionChoice, registered_erasers
from .common import _delete_file_after_commit

# Consents --------------------------------------------------------------------


@transaction.atomic
def record_consents(*, user: User, choices: dict[str, bool]) -> list[Consent]:
    """Append a dated row for each topic whose answer changed."""
    current = queries.current_consents(user)
    recorded = []
    for topic, granted in choices.items():
        if topic not in Consent.Topic.values:
            raise ValueError(f"Unknown consent topic {topic!r}")
        if current.get(topic, False) != granted:
            recorded.append(
                Consent.objects.create(user=user, topic=topic, granted=granted)
            )
    return recorded


# Account deletion ------------------------------------------------------------


def _placeholder_email(user: User) -> str:
    # .invalid is reserved by RFC 2606 and can never receive mail.
    return f"former-member-{user.pk}-{secrets.token_hex(6)}@deleted.invalid"


@transaction.atomic
def delete_account(
    *, user: User, contributions: str = ContributionChoice.ANONYMISE
) -> User:
    """Remove a person's data and keep the row for attribution as "Former member".

    ``contributions`` says what each app does with what the person published
    (see ``accounts.privacy``); every registered eraser runs in this
    transaction, so a failure in one changes nothing at all.
    """
    choice = ContributionChoice(contributions)
    for eraser in registered_erasers():
        eraser(user, contributions=choice)
    addresses = queries.all_emails(user)
    Invitation.objects.filter(accepted_by=user).delete()
    for address in addresses:
        Invitation.objects.filter(email__iexact=address).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    Membership.objects.filter(user=user).delete()
    JoinRequest.objects.filter(user=user).delete()
    Consent.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
    _delete_file_after_commit((user.photo.name or "") if user.photo else "")
    user.groups.clear()
    user.user_permissions.clear()
    user.email = _placeholder_email(user)
    user.display_name = ""
    user.organisation_name = ""
    user.languages = []
    user.bio = ""
    user.photo = ""
    user.visibility = User.Visibility.PRIVATE
    user.preferred_language = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_former_member = True
    user.last_login = None
    user.save()
    return user


# Export ----------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_account(user: User) -> dict[str, Any]:
    """The accounts app's section of a personal data export."""
    addresses = queries.all_emails(user)
    received = Invitation.objects.none()
    for address in addresses:
        received = received | Invitation.objects.filter(email__iexact=address)
    return {
        "profile": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "organisation": user.organisation_name,
            "languages": list(user.languages),
            "bio": user.bio,
            "photo": user.photo.name if user.photo else None,
            "visibility": user.visibility,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {
                "team": m.organisation.name,
                "team_slug": m.organisation.slug,
                "role": m.role,
                "joined_at": _iso(m.joined_at),
            }
            for m in user.memberships.select_related("organisation").order_by("pk")
        ],
        "join_requests": [
            {
                "team": join_request.organisation.name,
                "team_slug": join_request.organisation.slug,
                "message": join_request.message,
                "status": join_request.status,
                "created_at": _iso(join_request.created_at),
                "decided_at": _iso(join_request.decided_at),
                "history": [
                    entry.exported()
                    for entry in join_request.history.order_by("created_at", "pk")
                ],
            }
            for join_request in user.join_requests.select_related("organisation")
            .prefetch_related("history")
            .order_by("pk")
        ],
        # What the person answered to others' requests, as a team admin.
        "join_request_answers": [
            {
                "team": entry.join_request.organisation.name,
                "action": entry.action,
                "comment": entry.comment,
                "at": _iso(entry.created_at),
            }
            for entry in JoinRequestEvent.objects.filter(actor=user)
            .exclude(join_request__user=user)
            .select_related("join_request__organisation")
            .order_by("created_at", "pk")
        ],
        "invitations_received": [
            _export_invitation(invitation)
            for invitation in received.select_related("organisation").order_by("pk")
        ],
        "invitations_sent": [
            _export_invitation(invitation)
            for invitation in Invitation.objects.filter(invited_by=user)
            .select_related("organisation")
            .order_by("pk")
        ],
        "consents": [
            {
                "topic": consent.topic,
                "granted": consent.granted,
                "recorded_at": _iso(consent.recorded_at),
            }
            for consent in Consent.objects.filter(user=user).order_by(
                "recorded_at", "pk"
            )
        ],
        "mfa_authenticators": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "sessions": [
            {
                "ip": user_session.ip,
                "user_agent": user_session.user_agent,
                "created_at": _iso(user_session.created_at),
                "last_seen_at": _iso(user_session.last_seen_at),
            }
            for user_session in UserSession.objects.filter(user=user).order_by("pk")
        ],
    }


def _export_invitation(invitation: Invitation) -> dict[str, Any]:
    return {
        "team": invitation.organisation.name,
        "email": invitation.email,
        "role": invitation.role,
        "created_at": _iso(invitation.created_at),
        "expires_at": _iso(invitation.expires_at),
        "accepted_at": _iso(invitation.accepted_at),
    }
