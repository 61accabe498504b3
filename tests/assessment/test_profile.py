"""The scoring: an area is the mean of its statements' levels, a
criterion the mean of its areas, unanswered statements count for nothing."""

from __future__ import annotations

from ecoc_hub.assessment import services
from ecoc_hub.assessment.models import Statement
from ecoc_hub.assessment.profile import build_profile

from .conftest import make_assessment


def _answer(assessment, person, levels: dict[tuple[str, int], int]) -> None:
    changes = [
        services.AnswerChange(
            statement=Statement.objects.get(
                version=assessment.version, area__code=code, position=position
            ),
            level=level,
        )
        for (code, position), level in levels.items()
    ]
    services.save_answers(assessment=assessment, person=person, changes=changes)


def test_an_area_is_the_mean_of_its_answered_statements(team, team_admin):
    assessment = make_assessment(team)
    _answer(assessment, team_admin, {("digital", 0): 1, ("digital", 1): 2})

    profile = build_profile(assessment)

    digital = next(a for a in profile.areas if a.area.code == "digital")
    assert (digital.score, digital.answered, digital.statements) == (1.5, 2, 3)
    assert profile.score_of("legacy") is None


def test_a_criterion_is_the_mean_of_its_areas_each_counted_once(team, team_admin):
    assessment = make_assessment(team)
    # Cultural and artistic content (C): three areas.
    _answer(
        assessment,
        team_admin,
        {
            ("artistic-programming", 0): 5,
            ("artistic-programming", 1): 5,
            ("artistic-programming", 2): 5,
            ("local-artists", 0): 2,
            ("digital", 0): 1,
            ("digital", 1): 3,
        },
    )

    profile = build_profile(assessment)

    artistic = next(c for c in profile.criteria if c.criterion.letter == "C")
    assert [a.score for a in artistic.areas] == [5.0, 2.0, 2.0]
    assert artistic.score == 3.0
    assert [c.criterion.letter for c in profile.criteria] == list("ABCDEF")
    assert [c.score for c in profile.criteria if c.criterion.letter != "C"] == [
        None
    ] * 5


def test_the_weakest_come_first_and_only_those_at_3_or_below_are_weak(team, team_admin):
    assessment = make_assessment(team)
    _answer(
        assessment,
        team_admin,
        {("legacy", 0): 4, ("digital", 0): 1, ("volunteering", 0): 3},
    )

    profile = build_profile(assessment)

    assert [a.area.code for a in profile.weakest()] == [
        "digital",
        "volunteering",
        "legacy",
    ]
    assert [a.area.code for a in profile.weak()] == ["digital", "volunteering"]
