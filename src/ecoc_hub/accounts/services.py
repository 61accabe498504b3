"""Writes for accounts, teams, invitations, consents and account deletion."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from ecoc_hub.cities.models import Title
from ecoc_hub.core.mail import queue_email

from . import queries, roles
from .models import Consent, Invitation, JoinRequest, Membership, Organisation, User
from .photos import CleanPhoto
from .privacy import ContributionChoice, registered_erasers

INVITATION_LIFETIME = timedelta(days=14)


class InvitationError(Exception):
    """An invitation that cannot be accepted; the message says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# Profile ---------------------------------------------------------------------


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def update_profile(
    *,
    user: User,
    display_name: str,
    organisation_name: str,
    languages: list[str],
    bio: str,
    visibility: str,
    photo: CleanPhoto | None = None,
    remove_photo: bool = False,
) -> User:
    user.display_name = display_name
    user.organisation_name = organisation_name
    user.languages = sorted(set(languages))
    user.bio = bio
    user.visibility = visibility
    old_photo = user.photo.name if user.photo else ""
    if photo is not None:
        user.photo.save(photo.name, ContentFile(photo.content), save=False)
    elif remove_photo:
        user.photo = ""
    user.save()
    new_photo = user.photo.name if user.photo else ""
    if old_photo and old_photo != new_photo:
        _delete_file_after_commit(old_photo)
    return user


def save_preferred_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


# Teams -----------------------------------------------------------------------


def _unique_team_slug(name: str) -> str:
    base = slugify(name)[:200] or "team"
    slug = base
    counter = 2
    # "new" is the address of the form that creates a team.
    while slug == "new" or Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def create_team(
    *,
    kind: str,
    name: str = "",
    title: Title | None = None,
    candidate_city: str = "",
    candidate_year: int | None = None,
    description: str = "",
    website: str = "",
) -> Organisation:
    if kind == Organisation.Kind.TITLE_TEAM:
        if title is None:
            raise ValueError("A title team needs a title")
        name = name or f"{title.city.name} {title.year}"
        candidate_city, candidate_year = "", None
    elif kind == Organisation.Kind.CANDIDATE_TEAM:
        if not candidate_city:
            raise ValueError("A candidate team needs a city")
        title = None
        name = name or " ".join(
            filter(None, [candidate_city, str(candidate_year or "")])
        )
    else:
        raise ValueError(f"Unknown team kind {kind!r}")
    return Organisation.objects.create(
        name=name,
        slug=_unique_team_slug(name),
        kind=kind,
        title=title,
        candidate_city=candidate_city,
        candidate_year=candidate_year,
        description=description,
        website=website,
    )


@transaction.atomic
def update_team(
    *, organisation: Organisation, name: str, description: str, website: str
) -> Organisation:
    organisation.name = name
    organisation.description = description
    organisation.website = website
    organisation.save(update_fields=["name", "description", "website"])
    return organisation


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    membership.delete()


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
    JoinRequest.objects.filter(
        organisation_id=invitation.organisation_id,
        user=user,
        status=JoinRequest.Status.PENDING,
    ).update(
        status=JoinRequest.Status.ACCEPTED,
        decided_at=invitation.accepted_at,
        decided_by=invitation.invited_by,
    )
    return membership


# Join requests -----------------------------------------------------------------


class JoinRequestError(Exception):
    """A join request that cannot be made or decided; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _language_for(user: User, fallback: str) -> str:
    return user.preferred_language or fallback


def _team_url(organisation: Organisation) -> str:
    return settings.SITE_URL + organisation.get_absolute_url()


def _join_request_deciders(organisation: Organisation) -> list[User]:
    """The team admins, or the curators while a team has no admin yet."""
    admins = list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=Membership.Role.ADMIN,
        ).order_by("pk")
    )
    if admins:
        return admins
    return list(
        User.objects.filter(is_active=True, groups__name=roles.CURATOR)
        .distinct()
        .order_by("pk")
    )


def _mail_join_request_to_deciders(*, join_request: JoinRequest, language: str) -> None:
    organisation = join_request.organisation
    for decider in _join_request_deciders(organisation):
        queue_email(
            to=[decider.email],
            template="accounts/email/join_request",
            context={
                "team_name": organisation.name,
                "requester_name": join_request.user.public_name,
                "message": join_request.message,
                "team_url": _team_url(organisation),
                "site_url": settings.SITE_URL,
            },
            language=_language_for(decider, language),
        )


def _mail_join_request_to_requester(
    *, join_request: JoinRequest, template: str, language: str
) -> None:
    requester = join_request.user
    queue_email(
        to=[requester.email],
        template=template,
        context={
            "team_name": join_request.organisation.name,
            "name": requester.public_name,
            "team_url": _team_url(join_request.organisation),
            "site_url": settings.SITE_URL,
        },
        language=_language_for(requester, language),
    )


@transaction.atomic
def request_to_join(
    *,
    organisation: Organisation,
    user: User,
    message: str = "",
    language: str | None = None,
) -> JoinRequest:
    """Ask to join ``organisation``; its admins and the requester are e-mailed."""
    if not user.is_active or user.is_former_member:
        raise JoinRequestError("inactive")
    # Lock the person's row so that two submissions cannot both pass the checks.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise JoinRequestError("member")
    if JoinRequest.objects.filter(
        organisation=organisation, user=user, status=JoinRequest.Status.PENDING
    ).exists():
        raise JoinRequestError("pending")
    join_request = JoinRequest.objects.create(
        organisation=organisation, user=user, message=message.strip()
    )
    language = language or get_language()
    _mail_join_request_to_deciders(join_request=join_request, language=language)
    _mail_join_request_to_requester(
        join_request=join_request,
        template="accounts/email/join_request_received",
        language=language,
    )
    return join_request


def _lock_pending(join_request: JoinRequest) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=join_request.pk)
    )
    if not locked.is_pending:
        raise JoinRequestError("decided")
    return locked


@transaction.atomic
def accept_join_request(
    *, join_request: JoinRequest, decided_by: User, language: str | None = None
) -> Membership:
    """Make the requester a team member and tell them."""
    join_request = _lock_pending(join_request)
    membership, _created = Membership.objects.get_or_create(
        organisation=join_request.organisation,
        user=join_request.user,
        defaults={"role": Membership.Role.MEMBER},
    )
    join_request.status = JoinRequest.Status.ACCEPTED
    join_request.decided_at = timezone.now()
    join_request.decided_by = decided_by
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    _mail_join_request_to_requester(
        join_request=join_request,
        template="accounts/email/join_request_accepted",
        language=language or get_language(),
    )
    return membership


@transaction.atomic
def decline_join_request(
    *, join_request: JoinRequest, decided_by: User, language: str | None = None
) -> JoinRequest:
    join_request = _lock_pending(join_request)
    join_request.status = JoinRequest.Status.DECLINED
    join_request.decided_at = timezone.now()
    join_request.decided_by = decided_by
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    _mail_join_request_to_requester(
        join_request=join_request,
        template="accounts/email/join_request_declined",
        language=language or get_language(),
    )
    return join_request


@transaction.atomic
def withdraw_join_request(*, join_request: JoinRequest) -> JoinRequest:
    """The requester takes a pending request back; nobody is e-mailed."""
    join_request = _lock_pending(join_request)
    join_request.status = JoinRequest.Status.WITHDRAWN
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_at"])
    return join_request


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
            }
            for join_request in user.join_requests.select_related(
                "organisation"
            ).order_by("pk")
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
