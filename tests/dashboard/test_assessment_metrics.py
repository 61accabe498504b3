"""The weakest areas by stage, from teams' self-assessments counted by hand."""

from __future__ import annotations

import pytest

from ecoc_hub.assessment import metrics
from ecoc_hub.assessment.models import Assessment
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.metrics import Filters
from tests.assessment.conftest import submitted
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import QUARTER, at

pytestmark = pytest.mark.django_db


def _teams(count: int, *, stage: str, level) -> None:
    for n in range(count):
        team = OrganisationFactory(name=f"Team {stage} {n}", slug=f"team-{stage}-{n}")
        admin = MembershipFactory(organisation=team, role="admin").user
        done = submitted(team, admin, level=level, stage=stage)
        Assessment.objects.filter(pk=done.pk).update(submitted_at=at(2026, 2, 1))


def test_the_three_weakest_areas_of_each_stage_with_five_teams():
    areas = list(CapacityArea.objects.all())
    weak = {areas[0].pk: 1, areas[1].pk: 2, areas[2].pk: 2}
    _teams(5, stage="selection", level=lambda s: weak.get(s.area_id, 4))
    _teams(4, stage="bid", level=1)

    figure = metrics.weakest_areas(QUARTER)

    assert list(figure.categories) == [
        f"Final selection: {areas[0].display_name}",
        f"Final selection: {areas[1].display_name}",
        f"Final selection: {areas[2].display_name}",
    ]
    assert [list(s.values) for s in figure.series] == [[1.0, 2.0, 2.0]]
    later = Filters(start=QUARTER.end, end=QUARTER.end)
    assert metrics.weakest_areas(later).categories == []
