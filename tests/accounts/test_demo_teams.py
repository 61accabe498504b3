import io

import pytest

from ecoc_hub.accounts.demo import load_demo_teams as load_demo
from ecoc_hub.accounts.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_creates_two_title_teams_and_a_candidate_team():
    created = load_demo(stdout=io.StringIO())

    assert created == 3
    teams = Organisation.objects.order_by("name")
    assert [
        (t.name, t.kind, str(t.title) if t.title else t.candidate_city) for t in teams
    ] == [
        ("Oulu 2026 programme team (demo)", "title", "Oulu 2026"),
        ("Trenčín 2026 delivery team (demo)", "title", "Trenčín 2026"),
        ("Valdoria 2033 bid team (demo)", "candidate", "Valdoria"),
    ]


def test_demo_twice_creates_nothing_the_second_time():
    load_demo(stdout=io.StringIO())
    out = io.StringIO()

    created = load_demo(stdout=out)

    assert created == 0
    assert Organisation.objects.count() == 3
    assert out.getvalue() == "City teams: 0 created, 3 in the demo."
