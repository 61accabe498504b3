"""A submitted (or draft) assessment's scores: per capacity area, per
criterion, the weakest first.

An area's score is the mean of its statements' levels; a criterion's is the
mean of its areas' scores (each area counts once, however many statements
it has). Unanswered statements count for nothing, and an area with no
answer has no score.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean
from typing import Any

from .enums import WEAK_AT
from .models import Answer, Assessment, Statement


@dataclass(frozen=True)
class AreaScore:
    area: Any
    score: float | None
    answered: int
    statements: int

    @property
    def is_weak(self) -> bool:
        return self.score is not None and self.score <= WEAK_AT


@dataclass(frozen=True)
class CriterionScore:
    criterion: Any
    score: float | None
    areas: list[AreaScore]


@dataclass(frozen=True)
class Profile:
    assessment: Assessment
    criteria: list[CriterionScore]

    @property
    def areas(self) -> list[AreaScore]:
        return [area for criterion in self.criteria for area in criterion.areas]

    def weakest(self) -> list[AreaScore]:
        """Scored areas, lowest first (ties in the framework's order)."""
        scored = [a for a in self.areas if a.score is not None]
        return sorted(scored, key=lambda a: a.score or 0.0)

    def weak(self) -> list[AreaScore]:
        return [a for a in self.weakest() if a.is_weak]

    def score_of(self, area_code: str) -> float | None:
        for area in self.areas:
            if area.area.code == area_code:
                return area.score
        return None


def build_profile(assessment: Assessment) -> Profile:
    statements = list(
        Statement.objects.filter(version_id=assessment.version_id).select_related(
            "area__criterion"
        )
    )
    levels = dict(
        Answer.objects.filter(assessment=assessment).values_list(
            "statement_id", "level"
        )
    )
    by_area: dict[int, list[Statement]] = defaultdict(list)
    areas: dict[int, Any] = {}
    for statement in statements:
        by_area[statement.area_id].append(statement)
        areas[statement.area_id] = statement.area
    by_criterion: dict[int, list[AreaScore]] = defaultdict(list)
    criteria: dict[int, Any] = {}
    for area_id, items in by_area.items():
        area = areas[area_id]
        given = [levels[s.pk] for s in items if s.pk in levels]
        by_criterion[area.criterion_id].append(
            AreaScore(
                area=area,
                score=round(mean(given), 2) if given else None,
                answered=len(given),
                statements=len(items),
            )
        )
        criteria[area.criterion_id] = area.criterion
    result = []
    for criterion_id, area_scores in by_criterion.items():
        area_scores.sort(key=lambda a: a.area.position)
        scores = [a.score for a in area_scores if a.score is not None]
        result.append(
            CriterionScore(
                criterion=criteria[criterion_id],
                score=round(mean(scores), 2) if scores else None,
                areas=area_scores,
            )
        )
    result.sort(key=lambda c: c.criterion.letter)
    return Profile(assessment=assessment, criteria=result)
