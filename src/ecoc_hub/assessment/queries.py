"""Reads used in several places, with the SQL twin of ``can_see_assessment``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from ecoc_hub.accounts.permissions import is_admin, is_expert, is_member

from .enums import AssessmentState
from .models import Answer, Assessment


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    """The assessments of the person's teams, and the submitted ones shared
    with them (site admins: every one, as every team's admin)."""
    assessments = Assessment.objects.all()
    if is_admin(user):
        return assessments
    if not is_member(user):
        return assessments.none()
    mine = Q(organisation__memberships__user=user)
    if is_expert(user):
        mine |= Q(shared_with=user, state=AssessmentState.SUBMITTED)
    return assessments.filter(mine).distinct()


def with_listing_related(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return queryset.select_related("organisation", "version").annotate(
        answer_count=Count("answers", distinct=True),
        statement_count=Count("version__statements", distinct=True),
    )


def team_assessments(organisation: Any) -> QuerySet[Assessment]:
    return with_listing_related(organisation.assessments.all()).order_by(
        "-created_at", "-pk"
    )


def shared_with_me(user: Any) -> QuerySet[Assessment]:
    if not is_expert(user):
        return Assessment.objects.none()
    return with_listing_related(
        Assessment.objects.filter(shared_with=user, state=AssessmentState.SUBMITTED)
    ).order_by("-submitted_at")


def previous_submitted(assessment: Assessment) -> Assessment | None:
    """The team's submitted assessment before this one (for progress)."""
    before = Assessment.objects.filter(
        organisation_id=assessment.organisation_id,
        state=AssessmentState.SUBMITTED,
    ).exclude(pk=assessment.pk)
    if assessment.submitted_at is not None:
        before = before.filter(submitted_at__lt=assessment.submitted_at)
    return before.order_by("-submitted_at").first()


def answers_of(assessment: Assessment) -> dict[int, Answer]:
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("answered_by")
        .prefetch_related("resources")
    )
    return {answer.statement_id: answer for answer in answers}
