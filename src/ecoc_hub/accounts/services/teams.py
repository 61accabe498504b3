"""Teams, their members, and requests to join them."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import get_language, gettext

from ecoc_hub.cities.models import Title
from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.workflow import Outcome, TransitionError, transition

from .. import roles
from ..models import (
    JoinRequest,
    Membership,
    Organisation,
    User,
)
from ..workflow import DECISIONS

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
    *, join_request: JoinRequest, template: str, language: str, comment: str = ""
) -> None:
    requester = join_request.user
    queue_email(
        to=[requester.email],
        template=template,
        context={
            "team_name": join_request.organisation.name,
            "name": requester.public_name,
            "comment": comment,
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


def mail_join_request_answer(*, outcome: Outcome, template: str) -> None:
    """Tell the person who asked what the team admins answered (from the
    workflow's ``after``: in the transaction that answered)."""
    _mail_join_request_to_requester(
        join_request=outcome.obj,
        template=f"accounts/email/{template}",
        language=get_language(),
        comment=outcome.comment,
    )


@transaction.atomic
def decide_join_request(
    *, join_request: JoinRequest, action: str, actor: User, comment: str = ""
) -> Outcome:
    """Accept, decline or withdraw a pending request (``accounts.workflow``):
    a refused person gets ``ActionRefused``, anything else that stops it a
    ``TransitionError`` naming its form field."""
    if action not in DECISIONS:
        raise TransitionError(
            gettext("This action does not exist."), code="unknown_action"
        )
    return transition(join_request, action, actor=actor, comment=comment)
