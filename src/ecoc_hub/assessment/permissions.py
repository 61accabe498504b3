"""Who may see, answer, submit and share a self-assessment, and who edits
the framework.

An assessment belongs to its city team: the team's members see and answer
it, its team admins submit and share it. Once submitted, the experts it is
shared with see it too. Nobody else learns it exists (404), curators
included: they see the anonymised aggregates only. Site admins count as
every team's admin (``accounts.permissions.is_team_admin``).
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import (
    is_curator,
    is_expert,
    is_member,
    is_team_admin,
    is_team_member,
)

from .models import Assessment, FrameworkVersion


def _team_ids(user: Any) -> set[int]:
    cache = getattr(user, "_assessment_team_ids", None)
    if cache is None:
        cache = set(user.memberships.values_list("organisation_id", flat=True))
        user._assessment_team_ids = cache
    return cache


def in_team(user: Any, assessment: Assessment) -> bool:
    return is_member(user) and assessment.organisation_id in _team_ids(user)


def is_shared_with(user: Any, assessment: Assessment) -> bool:
    """Shared with them, and they are still in the pool: an expert whose
    role is taken away loses what was shared with them as an expert."""
    return (
        is_member(user)
        and is_expert(user)
        and assessment.is_submitted
        and assessment.shared_with.filter(pk=user.pk).exists()
    )


def can_see_assessment(user: Any, assessment: Assessment) -> bool:
    return (
        in_team(user, assessment)
        or is_team_admin(user, assessment.organisation)
        or is_shared_with(user, assessment)
    )


def can_answer(user: Any, assessment: Assessment) -> bool:
    return in_team(user, assessment) and not assessment.is_submitted


def can_submit(user: Any, assessment: Assessment) -> bool:
    return is_team_admin(user, assessment.organisation)


def can_share(user: Any, assessment: Assessment) -> bool:
    return is_team_admin(user, assessment.organisation) and assessment.is_submitted


def can_see_team_assessments(user: Any, organisation: Any) -> bool:
    return is_team_member(user, organisation) or is_team_admin(user, organisation)


def can_start_assessment(user: Any, organisation: Any) -> bool:
    return is_team_member(user, organisation)


def can_share_with(person: Any) -> bool:
    """Only people in the expert pool (the expert role) can be named."""
    return is_expert(person) and person.is_active and not person.is_former_member


def can_edit_framework(user: Any) -> bool:
    return is_curator(user)


def can_see_version(user: Any, version: FrameworkVersion) -> bool:
    """Published versions are public (the framework is no secret); drafts
    are for curators."""
    return version.is_published or is_curator(user)


def can_edit_version(user: Any, version: FrameworkVersion) -> bool:
    return is_curator(user) and not version.is_published


def can_publish_version(user: Any, version: FrameworkVersion) -> bool:
    return is_curator(user)


def can_see_aggregates(user: Any) -> bool:
    return is_curator(user)
