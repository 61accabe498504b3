"""Automatic reviewer assignment as a min-cost maximum flow (decision 0008).

Each application is reviewed in one *scope*: its first profile. A reviewer
may review in the scopes (profiles) the manager gave them. The proposal
gives every application up to N reviewers, never a reviewer with a declared
conflict, never outside the scope, and keeps every existing assignment.

Per scope, a flow network::

    source -(N - kept)-> application -(1)-> reviewer -> (reviewer, k) -> sink

where the edge reviewer -> (reviewer, k) has capacity 1 and cost
``c_k = 2 (kept_r + k) - 1``: the cost of the reviewer's k-th new
assignment on top of the ``kept_r`` they already have in the scope. The sum
of these costs is Σ load², so ``networkx.max_flow_min_cost`` fills as many
places as possible and, among those fillings, minimises the sum of squared
loads. The loads of the maximum fillings form an M-convex set (the bases of
a polymatroid shifted by the kept loads); on such a set the square-sum
minimiser is decreasingly minimal, and so also minimises the largest load and
maximises the smallest one (Frank and Murota, "Discrete decreasing
minimization", 2018 to 2022). Hence: if any maximum filling has every load
within one of every other, this one has too. ``tests/experts/test_assignment.py``
checks that claim against brute force on small random panels (hypothesis).

Inputs are sorted, so the same data always gives the same proposal: the page
shows a proposal and its fingerprint, and the confirmation recomputes it and
refuses if anything changed meanwhile.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx


@dataclass(frozen=True)
class Panel:
    """The data of one proposal, as plain ids."""

    #: application id → its scope (profile code)
    applications: Mapping[int, str]
    #: reviewer id → the scopes they review in
    reviewers: Mapping[int, frozenset[str]]
    #: (reviewer id, application id) pairs that must never be assigned
    conflicts: frozenset[tuple[int, int]] = frozenset()
    #: (reviewer id, application id) pairs already assigned (kept as they are)
    existing: frozenset[tuple[int, int]] = frozenset()
    per_application: int = 2


@dataclass
class Proposal:
    #: new (reviewer id, application id) pairs
    pairs: list[tuple[int, int]] = field(default_factory=list)
    #: application id → places that could not be filled
    unfilled: dict[int, int] = field(default_factory=dict)

    def fingerprint(self) -> str:
        text = ";".join(f"{r}:{a}" for r, a in sorted(self.pairs))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _scope_pairs(
    panel: Panel, scope: str, apps: list[int]
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    reviewers = sorted(r for r, scopes in panel.reviewers.items() if scope in scopes)
    kept_load = dict.fromkeys(reviewers, 0)
    kept_per_app = dict.fromkeys(apps, 0)
    for r, a in panel.existing:
        if a in kept_per_app:
            kept_per_app[a] += 1
            if r in kept_load:
                kept_load[r] += 1
    graph = nx.DiGraph()
    source, sink = ("s",), ("t",)
    demand_total = 0
    for a in apps:
        need = max(panel.per_application - kept_per_app[a], 0)
        demand_total += need
        if need:
            graph.add_edge(source, ("a", a), capacity=need, weight=0)
        for r in reviewers:
            if (r, a) in panel.conflicts or (r, a) in panel.existing:
                continue
            graph.add_edge(("a", a), ("r", r), capacity=1, weight=0)
    for r in reviewers:
        for k in range(1, len(apps) + 1):
            cost = 2 * (kept_load[r] + k) - 1
            graph.add_edge(("r", r), ("k", r, k), capacity=1, weight=cost)
            graph.add_edge(("k", r, k), sink, capacity=1, weight=0)
    unfilled: dict[int, int] = {}
    pairs: list[tuple[int, int]] = []
    if demand_total == 0 or source not in graph or sink not in graph:
        for a in apps:
            need = max(panel.per_application - kept_per_app[a], 0)
            if need:
                unfilled[a] = need
        return pairs, unfilled
    flow = nx.max_flow_min_cost(graph, source, sink)
    for a in apps:
        got = 0
        for target, amount in flow.get(("a", a), {}).items():
            if amount:
                pairs.append((target[1], a))
                got += 1
        need = max(panel.per_application - kept_per_app[a], 0)
        if got < need:
            unfilled[a] = need - got
    return pairs, unfilled


def propose(panel: Panel) -> Proposal:
    by_scope: dict[str, list[int]] = defaultdict(list)
    for a, scope in sorted(panel.applications.items()):
        by_scope[scope].append(a)
    proposal = Proposal()
    for scope in sorted(by_scope):
        pairs, unfilled = _scope_pairs(panel, scope, by_scope[scope])
        proposal.pairs += pairs
        proposal.unfilled.update(unfilled)
    proposal.pairs.sort()
    return proposal


def loads(panel: Panel, pairs: Iterable[tuple[int, int]], scope: str) -> dict[int, int]:
    """Each reviewer's load in ``scope``, kept and new assignments together."""
    counts = {r: 0 for r, scopes in panel.reviewers.items() if scope in scopes}
    for r, a in [*panel.existing, *pairs]:
        if panel.applications.get(a) == scope and r in counts:
            counts[r] += 1
    return counts
