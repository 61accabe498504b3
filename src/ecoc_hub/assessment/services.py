"""Writes: start an assessment, save answers without losing anyone's,
submit, share with experts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import Outcome, TransitionError, transition

from . import permissions
from .enums import Stage
from .framework import current_version
from .models import Answer, Assessment, Statement

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import Organisation, User


@transaction.atomic
def start_assessment(
    *, organisation: Organisation, stage: str, person: User | None
) -> Assessment:
    if stage not in Stage.values:
        raise TransitionError(_("Choose the stage of the cycle."), field="stage")
    version = current_version()
    if version is None:
        raise TransitionError(
            _("No version of the framework is published yet."), code="no_version"
        )
    return Assessment.objects.create(
        organisation=organisation, version=version, stage=stage, started_by=person
    )


@dataclass(frozen=True)
class AnswerChange:
    """What one person wants a statement's answer to be, and the revision of
    the answer they saw (0: there was none)."""

    statement: Statement
    level: int
    evidence: str = ""
    resources: Sequence[Any] = ()
    seen_revision: int = 0


@dataclass
class SaveResult:
    saved: list[Answer] = field(default_factory=list)
    #: Answers someone else saved since the person loaded the page: theirs
    #: stays, the person's is not written.
    conflicts: list[Answer] = field(default_factory=list)


@transaction.atomic
def save_answers(
    *, assessment: Assessment, person: User, changes: Iterable[AnswerChange]
) -> SaveResult:
    """Write each change unless the answer changed since it was read.

    The assessment's row is locked first, so saves of one assessment (and
    its submission) happen one after the other; a change whose
    ``seen_revision`` is not the stored one is reported back, not written.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise TransitionError(
            _("This assessment was submitted: its answers cannot change."),
            code="wrong_state",
        )
    changes = list(changes)
    current = {
        answer.statement_id: answer
        for answer in Answer.objects.filter(
            assessment=locked, statement__in=[c.statement for c in changes]
        ).select_related("answered_by")
    }
    result = SaveResult()
    now = timezone.now()
    for change in changes:
        if change.statement.version_id != locked.version_id:
            raise TransitionError(_("This statement is not part of the assessment."))
        answer = current.get(change.statement.pk)
        stored = answer.revision if answer else 0
        if stored != change.seen_revision:
            if answer is not None:
                result.conflicts.append(answer)
            continue
        if answer is None:
            answer = Answer(assessment=locked, statement=change.statement, revision=0)
        answer.level = change.level
        answer.evidence = change.evidence.strip()
        answer.answered_by = person
        answer.answered_at = now
        answer.revision += 1
        answer.save()
        answer.resources.set(change.resources)
        result.saved.append(answer)
    return result


def submit_assessment(*, assessment: Assessment, person: User | None) -> Outcome:
    return transition(assessment, "submit", actor=person)


@transaction.atomic
def share_assessment(
    *,
    assessment: Assessment,
    experts: Iterable[User],
    peer_visible: bool,
    person: User | None,
) -> list[User]:
    """Set who the result is shared with (an empty list keeps it private)
    and whether the team is offered to others as a peer city."""
    chosen = list(experts)
    refused = [p for p in chosen if not permissions.can_share_with(p)]
    if refused:
        raise TransitionError(
            _("A result can be shared only with experts of the pool."),
            field="experts",
            code="not_an_expert",
        )
    if not assessment.is_submitted:
        raise TransitionError(
            _("Submit the assessment before you share its result."),
            code="wrong_state",
        )
    assessment.shared_with.set(chosen)
    assessment.peer_visible = peer_visible
    assessment.save(update_fields=["peer_visible"])
    return chosen
