"""Anonymised aggregates across teams for curators: which areas are
weakest, by stage of the cycle.

Each team counts once per stage, with its latest submitted assessment at
that stage. A cell (a stage and an area) is shown only when at least
``MIN_TEAMS`` teams are in it; below that its count and its score are
suppressed, so that no team's answers can be read back out of a table.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.db.models import Avg

from ecoc_hub.cities.models import CapacityArea

from .enums import WEAK_AT, AssessmentState, Stage
from .models import Answer, Assessment

MIN_TEAMS = 5


@dataclass(frozen=True)
class Cell:
    teams: int
    score: float | None
    weak_share: float | None

    @property
    def suppressed(self) -> bool:
        return self.teams < MIN_TEAMS


@dataclass(frozen=True)
class StageColumn:
    stage: str
    label: str
    teams: int

    @property
    def suppressed(self) -> bool:
        return self.teams < MIN_TEAMS


@dataclass(frozen=True)
class AreaRow:
    area: CapacityArea
    cells: list[Cell]


@dataclass(frozen=True)
class Aggregates:
    stages: list[StageColumn]
    rows: list[AreaRow]

    def weakest(self, stage: str, count: int = 5) -> list[tuple[CapacityArea, float]]:
        index = [s.stage for s in self.stages].index(stage)
        shown = [
            (row.area, row.cells[index].score)
            for row in self.rows
            if not row.cells[index].suppressed and row.cells[index].score is not None
        ]
        return sorted(shown, key=lambda pair: pair[1] or 0.0)[:count]  # type: ignore[return-value]


def _latest_per_team() -> dict[str, list[int]]:
    """Stage → ids of each team's latest submitted assessment at that stage."""
    latest: dict[tuple[str, int], int] = {}
    for row in (
        Assessment.objects.filter(state=AssessmentState.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values("pk", "stage", "organisation_id")
    ):
        latest[(row["stage"], row["organisation_id"])] = row["pk"]
    by_stage: dict[str, list[int]] = defaultdict(list)
    for (stage, _team), pk in latest.items():
        by_stage[stage].append(pk)
    return by_stage


def build_aggregates() -> Aggregates:
    by_stage = _latest_per_team()
    chosen = [pk for pks in by_stage.values() for pk in pks]
    stage_of = {pk: stage for stage, pks in by_stage.items() for pk in pks}
    # (assessment, area) → mean level
    scores: dict[tuple[str, int], list[float]] = defaultdict(list)
    for row in (
        Answer.objects.filter(assessment_id__in=chosen)
        .values("assessment_id", "statement__area_id")
        .annotate(score=Avg("level"))
    ):
        scores[(stage_of[row["assessment_id"]], row["statement__area_id"])].append(
            float(row["score"])
        )
    stages = [
        StageColumn(stage=value, label=str(label), teams=len(by_stage.get(value, [])))
        for value, label in Stage.choices
    ]
    rows = []
    for area in CapacityArea.objects.select_related("criterion"):
        cells = []
        for column in stages:
            values = scores.get((column.stage, area.pk), [])
            if len(values) < MIN_TEAMS:
                cells.append(Cell(teams=len(values), score=None, weak_share=None))
                continue
            weak = sum(1 for v in values if v <= WEAK_AT) / len(values)
            cells.append(
                Cell(teams=len(values), score=round(mean(values), 2), weak_share=weak)
            )
        rows.append(AreaRow(area=area, cells=cells))
    return Aggregates(stages=stages, rows=rows)


def aggregates_csv(
    aggregates: Aggregates, *, headers: list[str], suppressed: str
) -> str:
    """One row per stage and area; a suppressed cell has no count and no
    score, only the word the reader's language uses for it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in aggregates.rows:
        for column, cell in zip(aggregates.stages, row.cells, strict=True):
            if cell.suppressed:
                writer.writerow(
                    [
                        column.label,
                        row.area.criterion.letter,
                        row.area.display_name,
                        "",
                        "",
                        "",
                        suppressed,
                    ]
                )
            else:
                writer.writerow(
                    [
                        column.label,
                        row.area.criterion.letter,
                        row.area.display_name,
                        cell.teams,
                        f"{cell.score:.2f}",
                        f"{(cell.weak_share or 0) * 100:.0f}",
                        "",
                    ]
                )
    return out.getvalue()
