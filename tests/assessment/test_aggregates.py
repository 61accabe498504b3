"""Aggregates across teams: the figures against hand counts, and no cell
under five teams shown, on the page or in the CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from ecoc_hub.accounts.models import Membership
from ecoc_hub.assessment import aggregates
from ecoc_hub.assessment.aggregates import MIN_TEAMS, build_aggregates
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import answer_all, make_assessment, submitted


def _admin_of_new_team():
    team = OrganisationFactory()
    return team, MembershipFactory(organisation=team, role=Membership.Role.ADMIN).user


def _digital_at(level: int):
    """Digital approaches at ``level``, every other area at 4."""
    return lambda statement: level if statement.area.code == "digital" else 4


def _cell(data, stage: str, code: str):
    index = [column.stage for column in data.stages].index(stage)
    row = next(row for row in data.rows if row.area.code == code)
    return row.cells[index]


@pytest.fixture
def five_teams_at_selection(db):
    """Five teams at the final selection rating Digital 1 to 5."""
    for level in (1, 2, 3, 4, 5):
        team, admin = _admin_of_new_team()
        submitted(team, admin, level=_digital_at(level), stage="selection")


def test_a_cell_is_the_mean_over_the_teams_at_that_stage(five_teams_at_selection):
    data = build_aggregates()

    digital = _cell(data, "selection", "digital")
    assert (digital.teams, digital.score, digital.weak_share) == (5, 3.0, 0.6)
    legacy = _cell(data, "selection", "legacy")
    assert (legacy.teams, legacy.score, legacy.weak_share) == (5, 4.0, 0.0)
    assert [(s.stage, s.teams) for s in data.stages if s.teams] == [("selection", 5)]


def test_a_cell_of_four_teams_shows_neither_count_nor_score(db):
    for level in (1, 2, 3, 4):
        team, admin = _admin_of_new_team()
        submitted(team, admin, level=_digital_at(level), stage="bid")

    data = build_aggregates()

    cell = _cell(data, "bid", "digital")
    assert (cell.suppressed, cell.score, cell.weak_share) == (True, None, None)
    assert data.stages[0].suppressed is True
    assert data.weakest("bid") == []


def test_each_team_counts_once_per_stage_with_its_latest_assessment(
    five_teams_at_selection,
):
    team, admin = _admin_of_new_team()
    submitted(team, admin, level=_digital_at(1), stage="selection")
    submitted(team, admin, level=_digital_at(4), stage="selection")
    # A draft is not counted.
    answer_all(make_assessment(team, stage="selection", person=admin), admin, 1)

    digital = _cell(build_aggregates(), "selection", "digital")

    assert (digital.teams, digital.score) == (6, round((15 + 4) / 6, 2))


def test_a_team_counts_at_each_stage_it_assessed_itself(five_teams_at_selection):
    team, admin = _admin_of_new_team()
    submitted(team, admin, level=_digital_at(1), stage="bid")

    data = build_aggregates()

    assert _cell(data, "bid", "digital").teams == 1
    assert _cell(data, "selection", "digital").teams == 5


def test_the_weakest_areas_of_a_stage_come_lowest_first(db):
    for level in (1, 1, 2, 2, 3):
        team, admin = _admin_of_new_team()
        submitted(
            team,
            admin,
            level=lambda s, level=level: {"digital": level, "legacy": 3}.get(
                s.area.code, 5
            ),
            stage="title_year",
        )

    weakest = build_aggregates().weakest("title_year", count=3)

    assert [(area.code, score) for area, score in weakest] == [
        ("digital", 1.8),
        ("legacy", 3.0),
        ("long-term-strategy", 5.0),
    ]


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_a_row_per_stage_and_area_and_blanks_suppressed_cells(
    five_teams_at_selection,
):
    text = aggregates.aggregates_csv(
        build_aggregates(), headers=["h"] * 7, suppressed="hidden"
    )

    rows = _csv_rows(text)
    assert len(rows) == 1 + 8 * 23
    digital = [row for row in rows if row[2] == "Digital approaches"]
    assert digital[2] == [
        "Final selection",
        "C",
        "Digital approaches",
        "5",
        "3.00",
        "60",
        "",
    ]
    assert digital[0] == [
        "Preparing the bid",
        "C",
        "Digital approaches",
        "",
        "",
        "",
        "hidden",
    ]


def test_the_page_shows_figures_only_for_cells_of_five_teams(
    curator_client, five_teams_at_selection
):
    team, admin = _admin_of_new_team()
    submitted(team, admin, level=_digital_at(2), stage="bid")

    response = curator_client.get(reverse("assessment:aggregates"))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count(f'<span class="meta">fewer than {MIN_TEAMS}<') == 7 * 23
    assert "Final selection (5 teams)" in content
    assert "Preparing the bid (1 teams)" not in content


def test_the_csv_download_suppresses_small_cells_in_the_readers_language(
    curator_client, five_teams_at_selection
):
    response = curator_client.get(
        reverse("assessment:aggregates_csv"), HTTP_ACCEPT_LANGUAGE="de"
    )

    rows = _csv_rows(response.content.decode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert sum(1 for row in rows if row[3] == "") == 7 * 23
    assert {row[6] for row in rows[1:] if row[3] == ""} == {
        "Weniger als 5 Teams: nicht angezeigt"
    }
