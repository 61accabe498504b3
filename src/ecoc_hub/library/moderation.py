"""The life of a resource: its state table and the one service that moves it.

draft ──submit──▶ submitted ──approve──▶ published ──withdraw──▶ withdrawn
  ▲                 │  │
  └─request_changes─┘  └──reject──▶ rejected
(changes_requested behaves as a draft; curators may publish_directly from
draft, changes_requested, submitted or rejected.)

Every change goes through ``core.workflow.transition``: it locks the row,
checks the state, the person and the comment, saves, and writes the
``ModerationEvent`` the record's history shows.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.accounts.models import User
from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.workflow import Outcome, Transition, TransitionError, Workflow
from ecoc_hub.core.workflow import transition as run_transition

from . import permissions
from .models import ModerationEvent, Resource
from .search_index import index_resource

State = Resource.State
Decision = ModerationEvent.Decision
OPEN_DRAFT = {State.DRAFT, State.CHANGES_REQUESTED}


def missing_for_submission(resource: Resource) -> list[str]:
    missing = []
    if not resource.title.strip():
        missing.append(_("a title"))
    if not resource.publication_year:
        missing.append(_("a publication year"))
    if not resource.languages:
        missing.append(_("at least one language"))
    if not resource.creators.exists():
        missing.append(_("at least one creator"))
    if not resource.files.filter(is_current=True).exists():
        missing.append(_("at least one file"))
    return missing


def _check_complete(resource: Resource) -> None:
    if missing := missing_for_submission(resource):
        raise TransitionError(
            _("Before submitting, add: %(missing)s.") % {"missing": ", ".join(missing)},
            code="incomplete",
        )


def _check_publishable(resource: Resource) -> None:
    if not resource.publication_year:
        raise TransitionError(
            _("A publication year is needed before publishing."),
            field="publication_year",
            code="incomplete",
        )


def _stamp_submitted(resource: Resource, comment: str) -> list[str]:
    resource.submitted_at = timezone.now()
    return ["submitted_at"]


def _stamp_published(resource: Resource, comment: str) -> list[str]:
    resource.published_at = resource.published_at or timezone.now()
    return ["published_at"]


def _keep_reason(resource: Resource, comment: str) -> list[str]:
    resource.withdrawn_reason = comment
    return ["withdrawn_reason"]


def _notify_owner(outcome: Outcome) -> None:
    resource = outcome.obj
    owner = resource.owner
    if owner is None or owner.is_former_member or not owner.email:
        return
    queue_email(
        to=[owner.email],
        template="library/email/decision",
        context={
            "resource": resource,
            "decision": MODERATION.get(outcome.action).recorded_as,
            "comment": outcome.comment,
            "url": settings.SITE_URL + resource.get_absolute_url(),
            "name": owner.public_name,
        },
        language=owner.preferred_language or settings.LANGUAGE_CODE,
    )


def _index(outcome: Outcome) -> None:
    index_resource(outcome.obj)


def _index_and_notify(outcome: Outcome) -> None:
    index_resource(outcome.obj)
    _notify_owner(outcome)


MODERATION = Workflow(
    model=Resource,
    field="state",
    history=ModerationEvent,
    history_object="resource",
    history_action="decision",
    wrong_state_message=gettext_lazy(
        "This action is not possible while the resource is “%(state)s”."
    ),
    transitions=[
        Transition(
            "submit",
            sources=OPEN_DRAFT,
            target=State.SUBMITTED,
            allowed=permissions.is_owner,
            check=_check_complete,
            apply=_stamp_submitted,
            record=Decision.SUBMITTED,
        ),
        Transition(
            "approve",
            sources={State.SUBMITTED},
            target=State.PUBLISHED,
            allowed=permissions.can_moderate_resource,
            check=_check_publishable,
            apply=_stamp_published,
            after=_index_and_notify,
            record=Decision.APPROVED,
        ),
        Transition(
            "publish_directly",
            sources=OPEN_DRAFT | {State.SUBMITTED, State.REJECTED},
            target=State.PUBLISHED,
            allowed=permissions.can_moderate_resource,
            check=_check_publishable,
            apply=_stamp_published,
            after=_index,
            record=Decision.PUBLISHED_DIRECTLY,
        ),
        Transition(
            "request_changes",
            sources={State.SUBMITTED},
            target=State.CHANGES_REQUESTED,
            allowed=permissions.can_moderate_resource,
            comment_required=True,
            comment_message=gettext_lazy(
                "Give a reason; the contributor will read it."
            ),
            after=_index_and_notify,
            record=Decision.CHANGES_REQUESTED,
        ),
        Transition(
            "reject",
            sources={State.SUBMITTED},
            target=State.REJECTED,
            allowed=permissions.can_moderate_resource,
            comment_required=True,
            comment_message=gettext_lazy(
                "Give a reason; the contributor will read it."
            ),
            after=_index_and_notify,
            record=Decision.REJECTED,
        ),
        Transition(
            "withdraw",
            sources={State.PUBLISHED},
            target=State.WITHDRAWN,
            allowed=permissions.can_moderate_resource,
            comment_required=True,
            comment_message=gettext_lazy(
                "Give the reason shown on the tombstone page."
            ),
            apply=_keep_reason,
            after=_index_and_notify,
            record=Decision.WITHDRAWN,
        ),
    ],
)


def moderate(
    *, resource: Resource, action: str, actor: User | None, comment: str = ""
) -> Outcome:
    """Take one action of ``MODERATION``; ``actor=None`` is the platform."""
    return run_transition(resource, action, actor=actor, comment=comment)


# Named shortcuts for code that always takes the same action.


def submit_for_review(*, resource: Resource, user: User | None) -> Resource:
    return moderate(resource=resource, action="submit", actor=user).obj


def approve(*, resource: Resource, curator: User | None, comment: str = "") -> Resource:
    return moderate(
        resource=resource, action="approve", actor=curator, comment=comment
    ).obj


def publish_directly(*, resource: Resource, curator: User | None) -> Resource:
    return moderate(resource=resource, action="publish_directly", actor=curator).obj


def publish(*, resource: Resource, curator: User | None) -> Resource:
    """Approve a submission, or publish a draft directly: the one "publish"
    the API offers, whichever of the two the workflow opens from here."""
    approvable = resource.state in MODERATION.get("approve").sources
    action = "approve" if approvable else "publish_directly"
    return moderate(resource=resource, action=action, actor=curator).obj


def request_changes(
    *, resource: Resource, curator: User | None, comment: str
) -> Resource:
    return moderate(
        resource=resource, action="request_changes", actor=curator, comment=comment
    ).obj


def reject(*, resource: Resource, curator: User | None, reason: str) -> Resource:
    return moderate(
        resource=resource, action="reject", actor=curator, comment=reason
    ).obj


def withdraw(*, resource: Resource, curator: User | None, reason: str) -> Resource:
    return moderate(
        resource=resource, action="withdraw", actor=curator, comment=reason
    ).obj
