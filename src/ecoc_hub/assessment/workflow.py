"""The two state fields of the app and their transition tables.

An assessment::

    draft ──submit (a team admin, every statement answered)──▶ submitted

A framework version::

    draft ──publish (a curator, every capacity area covered)──▶ published

Neither goes back: a submitted assessment is the team's record of that
moment (the next one shows the progress), a published version is what
those records were answered on.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ecoc_hub.core.workflow import Transition, TransitionError, Workflow

from . import permissions
from .enums import AssessmentState, VersionState
from .framework import apply_publish, check_publishable
from .models import Assessment, AssessmentEvent, FrameworkVersion, VersionEvent


def check_complete(assessment: Assessment) -> None:
    missing = assessment.version.statements.exclude(
        answers__assessment=assessment
    ).count()
    if missing:
        raise TransitionError(
            ngettext(
                "%(count)d statement is not answered yet. Every statement "
                "needs an answer before the assessment is submitted.",
                "%(count)d statements are not answered yet. Every statement "
                "needs an answer before the assessment is submitted.",
                missing,
            )
            % {"count": missing},
            code="incomplete",
        )


def apply_submit(assessment: Assessment, comment: str) -> list[str]:
    assessment.submitted_at = timezone.now()
    return ["submitted_at"]


ASSESSMENT = Workflow(
    model=Assessment,
    field="state",
    history=AssessmentEvent,
    history_object="assessment",
    transitions=[
        Transition(
            "submit",
            sources={AssessmentState.DRAFT},
            target=AssessmentState.SUBMITTED,
            allowed=permissions.can_submit,
            check=check_complete,
            apply=apply_submit,
        )
    ],
)

VERSION = Workflow(
    model=FrameworkVersion,
    field="state",
    history=VersionEvent,
    history_object="version",
    transitions=[
        Transition(
            "publish",
            sources={VersionState.DRAFT},
            target=VersionState.PUBLISHED,
            allowed=permissions.can_publish_version,
            comment_required=True,
            comment_message=_("Say what changed in this version."),
            check=check_publishable,
            apply=apply_publish,
        )
    ],
)
