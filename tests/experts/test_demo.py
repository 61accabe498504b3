from __future__ import annotations

import io
from collections import Counter

import pytest

from ecoc_hub.accounts.demo import load_demo as load_accounts
from ecoc_hub.experts.demo import CLOSED, OPEN, ROUNDS, load_demo
from ecoc_hub.experts.models import (
    Application,
    Call,
    PoolExpert,
    Review,
    SupportAssignment,
    SupportRequest,
)


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_follows_the_real_rounds_in_proportion_and_runs_once():
    load_accounts(stdout=io.StringIO())
    assert load_demo(stdout=io.StringIO()) == 2
    closed = Call.objects.get(slug=CLOSED)

    rows = [
        (r.applications.count(), r.applications.filter(state="accepted").count())
        for r in closed.rounds.all()
    ]

    assert rows == ROUNDS
    assert not closed.is_open()
    assert Call.objects.get(slug=OPEN).is_open()
    assert Counter(
        Application.objects.filter(call__slug=OPEN).values_list("state", flat=True)
    ) == {"draft": 3, "under_review": 5}
    assert (
        Review.objects.filter(application__call=closed, submitted_at=None).count() == 0
    )
    accepted = Application.objects.filter(call=closed, state="accepted")
    assert PoolExpert.objects.count() == accepted.count() == 29
    assert PoolExpert.objects.filter(bio="").count() == 0
    assert Counter(SupportRequest.objects.values_list("state", flat=True)) == {
        "draft": 1,
        "submitted": 3,
    }
    assert Counter(SupportAssignment.objects.values_list("state", flat=True)) == {
        "invited": 1,
        "agreed": 1,
        "in_progress": 1,
        "completed": 1,
    }
    before = (Review.objects.count(), SupportAssignment.objects.count())
    assert load_demo(stdout=io.StringIO()) == 0
    assert (Review.objects.count(), SupportAssignment.objects.count()) == before
