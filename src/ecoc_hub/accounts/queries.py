"""Reads shared by the accounts views, services and templates."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from . import permissions
from .models import Consent, Invitation, Membership, Organisation, User


def verified_emails(user: User) -> list[str]:
    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    )


def all_emails(user: User) -> list[str]:
    addresses = set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    addresses.add(user.email)
    return sorted(addresses)


def current_consents(user: User) -> dict[str, bool]:
    """The latest answer per topic; a topic never answered is absent."""
    current: dict[str, bool] = {}
    # Newest first (the model's ordering), so the first row per topic wins.
    for topic, granted in Consent.objects.filter(user=user).values_list(
        "topic", "granted"
    ):
        current.setdefault(topic, granted)
    return current


def pending_invitations_for(user: User) -> list[Invitation]:
    addresses = verified_emails(user)
    if not addresses:
        return []
    match = Q()
    for address in addresses:
        match |= Q(email__iexact=address)
    return list(
        Invitation.objects.filter(match, accepted_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def visible_people_filter(viewer: Any, prefix: str = "") -> Q:
    """A filter on users (under ``prefix``) for the profiles ``viewer`` may see."""
    active = Q(**{f"{prefix}is_active": True, f"{prefix}is_former_member": False})
    if permissions.is_curator(viewer):
        return active
    levels = [User.Visibility.PUBLIC]
    if permissions.is_member(viewer):
        levels.append(User.Visibility.MEMBERS)
    visible = Q(**{f"{prefix}visibility__in": levels})
    if permissions.is_member(viewer):
        visible |= Q(**{f"{prefix}pk": viewer.pk})
    return active & visible


def team_list() -> QuerySet[Organisation]:
    return (
        Organisation.objects.select_related("title__city")
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )


def visible_memberships(
    organisation: Organisation, viewer: Any
) -> QuerySet[Membership]:
    return (
        organisation.memberships.filter(visible_people_filter(viewer, prefix="user__"))
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def all_memberships(organisation: Organisation) -> QuerySet[Membership]:
    return (
        organisation.memberships.select_related("user")
        .filter(user__is_active=True)
        .order_by("user__display_name", "user__email")
    )


def pending_team_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True).order_by(
        "-created_at"
    )
