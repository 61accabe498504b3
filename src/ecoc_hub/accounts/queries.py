"""Reads shared by the accounts views, services and templates."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from . import permissions
from .models import (
    Consent,
    Invitation,
    JoinRequest,
    JoinRequestEvent,
    Membership,
    Organisation,
    User,
)


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


def team_list(search: str = "") -> QuerySet[Organisation]:
    """Every team, or those whose name, city or year matches ``search``."""
    teams = Organisation.objects.select_related("title__city").annotate(
        member_count=Count("memberships")
    )
    for word in search.split():
        match = (
            Q(name__icontains=word)
            | Q(title__city__name__icontains=word)
            | Q(candidate_city__icontains=word)
        )
        if word.isdigit():
            match |= Q(title__year=int(word)) | Q(candidate_year=int(word))
        teams = teams.filter(match)
    return teams.order_by("name")


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


def pending_join_requests(organisation: Organisation) -> QuerySet[JoinRequest]:
    return (
        organisation.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def pending_join_request_for(
    organisation: Organisation, user: Any
) -> JoinRequest | None:
    if not permissions.is_member(user):
        return None
    return organisation.join_requests.filter(
        user=user, status=JoinRequest.Status.PENDING
    ).first()


def join_request_history(
    organisation: Organisation, *, limit: int = 20
) -> list[JoinRequestEvent]:
    """The latest answers to the team's join requests, newest first, for its
    admins (who asked, what happened, who did it, what they wrote)."""
    return list(
        JoinRequestEvent.objects.filter(join_request__organisation=organisation)
        .select_related("join_request__user", "actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def my_pending_join_requests(user: User) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING)
        .select_related("organisation")
        .order_by("-created_at")
    )


def join_requests_to_decide(user: User) -> QuerySet[JoinRequest]:
    """Pending requests to the teams ``user`` is a team admin of."""
    return (
        JoinRequest.objects.filter(
            status=JoinRequest.Status.PENDING,
            organisation__memberships__user=user,
            organisation__memberships__role=Membership.Role.ADMIN,
        )
        .select_related("organisation", "user")
        .order_by("created_at", "pk")
    )


def teams_for_city(*, city: Any = None, title: Any = None) -> QuerySet[Organisation]:
    teams = Organisation.objects.select_related("title__city")
    if title is not None:
        teams = teams.filter(title=title)
    else:
        teams = teams.filter(Q(title__city=city) | Q(candidate_city__iexact=city.name))
    return teams.annotate(member_count=Count("memberships")).order_by("name")
