"""Automatic assignment: constraints always hold, balance is the best possible."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ecoc_hub.experts.assignment import Panel, loads, propose

SCOPES = ["management", "audience", "digital"]


@st.composite
def panels(draw, max_apps: int = 8, max_reviewers: int = 6) -> Panel:
    n_apps = draw(st.integers(0, max_apps))
    n_reviewers = draw(st.integers(0, max_reviewers))
    applications = {a: draw(st.sampled_from(SCOPES)) for a in range(n_apps)}
    reviewers = {
        100 + r: frozenset(draw(st.sets(st.sampled_from(SCOPES), min_size=1)))
        for r in range(n_reviewers)
    }
    all_pairs = [(r, a) for r in reviewers for a in applications]
    conflicts = (
        frozenset(draw(st.sets(st.sampled_from(all_pairs))))
        if all_pairs
        else frozenset()
    )
    allowed = [
        (r, a)
        for r, a in all_pairs
        if (r, a) not in conflicts and applications[a] in reviewers[r]
    ]
    existing = (
        frozenset(draw(st.sets(st.sampled_from(allowed), max_size=3)))
        if allowed
        else frozenset()
    )
    return Panel(
        applications=applications,
        reviewers=reviewers,
        conflicts=conflicts,
        existing=existing,
        per_application=draw(st.integers(1, 3)),
    )


@settings(max_examples=150, deadline=None)
@given(panels())
def test_conflicts_scope_and_kept_assignments_are_respected(panel):
    proposal = propose(panel)

    for r, a in proposal.pairs:
        assert (r, a) not in panel.conflicts
        assert (r, a) not in panel.existing
        assert panel.applications[a] in panel.reviewers[r]
    assert len(set(proposal.pairs)) == len(proposal.pairs)
    for a in panel.applications:
        kept = sum(1 for _r, x in panel.existing if x == a)
        new = sum(1 for _r, x in proposal.pairs if x == a)
        assert kept + new + proposal.unfilled.get(a, 0) == max(
            panel.per_application, kept
        )


@settings(max_examples=150, deadline=None)
@given(panels())
def test_without_conflicts_or_kept_assignments_loads_are_within_one(panel):
    panel = Panel(
        applications=panel.applications,
        reviewers=panel.reviewers,
        per_application=panel.per_application,
    )

    proposal = propose(panel)

    for scope in SCOPES:
        counted = loads(panel, proposal.pairs, scope)
        if counted:
            assert max(counted.values()) - min(counted.values()) <= 1


def _best_spread(panel: Panel, scope: str) -> tuple[int, int]:
    """Brute force: the most places any assignment fills in ``scope``, and
    the smallest spread of loads among the assignments that fill that many."""
    apps = [a for a, s in panel.applications.items() if s == scope]
    reviewers = [r for r, s in panel.reviewers.items() if scope in s]
    options = []
    for a in apps:
        kept = sum(1 for _r, x in panel.existing if x == a)
        need = max(panel.per_application - kept, 0)
        free = [
            r
            for r in reviewers
            if (r, a) not in panel.conflicts and (r, a) not in panel.existing
        ]
        choices = [
            combo
            for size in range(min(need, len(free)), -1, -1)
            for combo in itertools.combinations(free, size)
        ]
        options.append([(a, combo) for combo in choices])
    best = (-1, 10**9)
    for choice in itertools.product(*options):
        pairs = [(r, a) for a, combo in choice for r in combo]
        filled = len(pairs)
        counted = loads(panel, pairs, scope)
        spread = max(counted.values()) - min(counted.values()) if counted else 0
        if filled > best[0] or (filled == best[0] and spread < best[1]):
            best = (filled, spread)
    return best


@settings(max_examples=60, deadline=None)
@given(panels(max_apps=4, max_reviewers=4))
def test_the_spread_is_the_smallest_any_full_assignment_can_reach(panel):
    proposal = propose(panel)

    for scope in SCOPES:
        if not any(s == scope for s in panel.applications.values()):
            continue
        filled = sum(1 for _r, a in proposal.pairs if panel.applications[a] == scope)
        counted = loads(panel, proposal.pairs, scope)
        spread = max(counted.values()) - min(counted.values()) if counted else 0
        assert (filled, spread) == _best_spread(panel, scope)


def test_the_same_panel_gives_the_same_proposal_and_fingerprint():
    panel = Panel(
        applications={1: "audience", 2: "audience", 3: "audience"},
        reviewers={10: frozenset({"audience"}), 11: frozenset({"audience"})},
        per_application=1,
    )

    first, second = propose(panel), propose(panel)

    assert first.pairs == second.pairs
    assert first.fingerprint() == second.fingerprint()
    assert sorted(loads(panel, first.pairs, "audience").values()) == [1, 2]


def test_a_conflict_leaves_a_place_unfilled_rather_than_break_it():
    panel = Panel(
        applications={1: "legal"},
        reviewers={10: frozenset({"legal"}), 11: frozenset({"legal"})},
        conflicts=frozenset({(11, 1)}),
        per_application=2,
    )

    proposal = propose(panel)

    assert proposal.pairs == [(10, 1)]
    assert proposal.unfilled == {1: 1}
