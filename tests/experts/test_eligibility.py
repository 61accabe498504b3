from __future__ import annotations

import pytest

from ecoc_hub.experts.eligibility import Facts, blocking, unmet_rules
from tests.experts.conftest import make_call

pytestmark = pytest.mark.django_db


def facts(**overrides) -> Facts:
    values = {
        "years_sector": 4,
        "years_consultancy": 1,
        "years_ecoc_team": 0,
        "profiles": ("management",),
        "languages": ("en",),
        "has_cv": True,
        "declaration": True,
    }
    values.update(overrides)
    return Facts(**values)


def test_an_applicant_at_the_minimum_of_every_rule_is_eligible():
    call = make_call()

    assert blocking(call, facts()) == []


def test_too_few_years_in_the_sector_is_explained_with_both_figures():
    call = make_call()

    [unmet] = unmet_rules(call, facts(years_sector=3))

    assert unmet.rule == "years_sector"
    assert unmet.field == "years_sector"
    assert unmet.reason == (
        "The call asks for at least 4 years in the cultural or social sector in "
        "multicultural contexts; you entered 3 years."
    )


def test_a_year_in_an_ecoc_team_replaces_consultancy():
    call = make_call()

    assert unmet_rules(call, facts(years_consultancy=0, years_ecoc_team=1)) == []


def test_neither_consultancy_nor_team_experience_is_one_unmet_rule():
    call = make_call()

    [unmet] = unmet_rules(call, facts(years_consultancy=0, years_ecoc_team=0))

    assert unmet.rule == "consultancy_or_team"
    assert "1 year as a consultant or trainer, or 1 year in an ECoC" in unmet.reason


def test_the_rules_are_the_calls_own_data():
    call = make_call(min_years_sector=10)

    assert [u.rule for u in unmet_rules(call, facts(years_sector=9))] == [
        "years_sector"
    ]


def test_a_profile_the_call_does_not_offer_is_refused():
    call = make_call(profiles=("legal",))

    assert [u.rule for u in unmet_rules(call, facts())] == ["profiles"]


def test_no_profile_no_language_no_cv_no_declaration_each_named():
    call = make_call()

    problems = blocking(
        call, facts(profiles=(), languages=(), has_cv=False, declaration=False)
    )

    assert [p.rule for p in problems] == ["profiles", "languages", "cv", "declaration"]


def test_reasons_are_translated():
    from django.utils import translation

    call = make_call()
    with translation.override("fr"):
        [unmet] = unmet_rules(call, facts(years_sector=None))

    assert unmet.reason.startswith("L\u2019appel demande au moins 4 ans")
