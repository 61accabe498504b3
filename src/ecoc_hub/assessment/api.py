"""The self-assessment's REST operations (mounted under /api/v1/ by
ecoc_hub.api): the published framework for everyone, and a team's own
assessments and results for its members (and the experts a result is
shared with), through the same predicates as the pages. Read only:
answering and submitting stay in the browser, where the answers'
revisions are shown to the people who might overwrite each other."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from ecoc_hub.api.auth import READ, caller
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import ObjectHidden, get_for_user

from . import framework, permissions, queries
from .models import Assessment, FrameworkVersion
from .profile import build_profile
from .recommend import recommend

router = Router(tags=["self-assessment"])

HIDDEN = "No such self-assessment."


class LevelOut(Schema):
    value: int
    name: str
    description: str


class StatementOut(Schema):
    id: int
    criterion: str
    capacity_area: str
    text: str


class FrameworkOut(Schema):
    number: int
    published_at: datetime | None
    note: str
    levels: list[LevelOut]
    statements: list[StatementOut]
    url: str


class AssessmentOut(Schema):
    uuid: UUID
    team: str
    team_slug: str
    stage: str
    stage_name: str
    state: str
    framework_version: int
    answered: int
    statements: int
    created_at: datetime
    submitted_at: datetime | None
    url: str
    result_url: str


class AssessmentPage(PageMeta):
    results: list[AssessmentOut]


class AreaScoreOut(Schema):
    capacity_area: str
    name: str
    score: float | None
    answered: int
    statements: int


class CriterionScoreOut(Schema):
    criterion: str
    name: str
    score: float | None
    areas: list[AreaScoreOut]


class RecommendationOut(Schema):
    kind: str
    title: str
    url: str
    reason: str
    score: float


class AreaRecommendationsOut(Schema):
    capacity_area: str
    score: float | None
    recommendations: list[RecommendationOut]


class ResultOut(Schema):
    assessment: AssessmentOut
    criteria: list[CriterionScoreOut]
    weakest: list[AreaRecommendationsOut]


def _framework_out(version: FrameworkVersion) -> dict[str, Any]:
    statements = version.statements.select_related("area__criterion")
    return {
        "number": version.number,
        "published_at": version.published_at,
        "note": version.note,
        "levels": [
            {"value": lv.value, "name": lv.name, "description": lv.description}
            for lv in version.levels.all()
        ],
        "statements": [
            {
                "id": s.pk,
                "criterion": s.area.criterion.letter,
                "capacity_area": s.area.code,
                "text": s.text,
            }
            for s in statements
        ],
        "url": absolute(version.get_absolute_url()),
    }


def _assessment_out(assessment: Any) -> dict[str, Any]:
    return {
        "uuid": assessment.uuid,
        "team": assessment.organisation.name,
        "team_slug": assessment.organisation.slug,
        "stage": assessment.stage,
        "stage_name": assessment.get_stage_display(),
        "state": assessment.state,
        "framework_version": assessment.version.number,
        "answered": assessment.answer_count,
        "statements": assessment.statement_count,
        "created_at": assessment.created_at,
        "submitted_at": assessment.submitted_at,
        "url": absolute(assessment.get_absolute_url()),
        "result_url": absolute(reverse("assessment:result", args=[assessment.uuid])),
    }


@router.get(
    "/self-assessment/framework",
    response={200: FrameworkOut, **ERRORS},
    auth=READ,
    url_name="assessment_framework",
    summary="The current self-assessment framework",
    description="Statements and maturity scale in the language asked for "
    "(Accept-Language: en, fr or de).",
)
def get_assessment_framework(request: HttpRequest) -> Any:
    version = framework.current_version()
    if version is None:
        raise ObjectHidden("No version of the framework is published yet.")
    return _framework_out(version)


@router.get(
    "/self-assessment/framework/{number}",
    response={200: FrameworkOut, **ERRORS},
    auth=READ,
    url_name="assessment_framework_version",
    summary="One version of the self-assessment framework",
)
def get_assessment_framework_version(request: HttpRequest, number: int) -> Any:
    version = get_for_user(
        FrameworkVersion,
        caller(request),
        can_see=permissions.can_see_version,
        hidden="No such version.",
        number=number,
    )
    return _framework_out(version)


@router.get(
    "/self-assessments",
    response={200: AssessmentPage, **ERRORS},
    auth=READ,
    url_name="assessments",
    summary="The self-assessments of the caller's teams and those shared with them",
)
def list_assessments(
    request: HttpRequest,
    response: HttpResponse,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    assessments = queries.with_listing_related(
        queries.visible_assessments(caller(request))
    ).order_by("-created_at", "-pk")
    return paged(request, response, assessments, page, per_page, _assessment_out)


def _load(request: HttpRequest, uuid: UUID) -> Assessment:
    return get_for_user(
        queries.with_listing_related(Assessment.objects.all()),
        caller(request),
        can_see=permissions.can_see_assessment,
        hidden=HIDDEN,
        uuid=uuid,
    )


@router.get(
    "/self-assessments/{uuid}",
    response={200: ResultOut, **ERRORS},
    auth=READ,
    url_name="assessment",
    summary="A self-assessment's result: scores and recommendations",
    description="Scores per criterion and capacity area (the mean level of "
    "the statements answered), and for the weakest areas what the hub "
    "recommends, ranked, with the reason.",
)
def get_assessment(request: HttpRequest, uuid: UUID) -> Any:
    assessment = _load(request, uuid)
    profile = build_profile(assessment)
    return {
        "assessment": _assessment_out(assessment),
        "criteria": [
            {
                "criterion": c.criterion.letter,
                "name": c.criterion.display_name,
                "score": c.score,
                "areas": [
                    {
                        "capacity_area": a.area.code,
                        "name": a.area.display_name,
                        "score": a.score,
                        "answered": a.answered,
                        "statements": a.statements,
                    }
                    for a in c.areas
                ],
            }
            for c in profile.criteria
        ],
        "weakest": [
            {
                "capacity_area": group.area.area.code,
                "score": group.area.score,
                "recommendations": [
                    {
                        "kind": item.offer.kind,
                        "title": item.offer.title,
                        "url": absolute(item.offer.url),
                        "reason": item.offer.reason,
                        "score": item.score,
                    }
                    for item in group.items
                ],
            }
            for group in recommend(profile, user=caller(request))
        ],
    }
