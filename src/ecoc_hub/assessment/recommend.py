"""The one ranking of what to read, learn, attend and whom to ask.

For each weak area of a profile (the weakest first, ``MAX_AREAS`` at most),
every registered provider (``cities.offers``: library resources, courses,
upcoming events, experts, peer cities) offers its items on that area; each
offer gets a score and the best ``PER_AREA`` are kept, with no more than
``PER_KIND`` of one kind so that a team sees a mix. The weights are here
and in docs/assessment.md; ``tests/assessment/test_recommend.py`` fails
when they change the order the documented cases need.

    score = KIND_WEIGHT[kind]
            * (1 + SPECIFICITY_WEIGHT * specificity + QUALITY_WEIGHT * quality)
            * (1 + GAP_WEIGHT * gap)

``specificity`` is 1 for an item about this area alone and 1/n for one
tagged with n areas; ``quality`` is the provider's 0-to-1 signal (a toolkit
over a bid book, an event still taking applications over one that is
full); ``gap`` is how far the area's score lies under the top of the scale
(0 to 1), so that the offers of the weakest areas rank first when the lists
are merged (the PDF's summary).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecoc_hub.cities.offers import Offer, offers

from .enums import HIGHEST, LOWEST
from .profile import AreaScore, Profile

KIND_WEIGHT = {
    # A course builds the skill itself; a toolkit or guide is the quickest
    # help; an expert or a peer city is a conversation to arrange; an event
    # happens on its own date.
    "course": 1.2,
    "resource": 1.0,
    "expert": 0.9,
    "peer": 0.85,
    "event": 0.8,
}
SPECIFICITY_WEIGHT = 0.5
QUALITY_WEIGHT = 1.0
GAP_WEIGHT = 0.5
MAX_AREAS = 5
PER_AREA = 6
PER_KIND = 2


@dataclass(frozen=True)
class Recommendation:
    offer: Offer
    score: float


@dataclass(frozen=True)
class AreaRecommendations:
    area: AreaScore
    items: list[Recommendation]


def gap(score: float | None) -> float:
    if score is None:
        return 1.0
    return max(0.0, min(1.0, (HIGHEST - score) / (HIGHEST - LOWEST)))


def score_offer(offer: Offer, *, area_gap: float) -> float:
    weight = KIND_WEIGHT.get(offer.kind, 0.0)
    fit = 1 + SPECIFICITY_WEIGHT * offer.specificity + QUALITY_WEIGHT * offer.quality
    return round(weight * fit * (1 + GAP_WEIGHT * area_gap), 4)


def rank(found: list[Offer], *, area_gap: float) -> list[Recommendation]:
    """The best offers, a mix of kinds: at most PER_KIND of each, PER_AREA."""
    seen: set[tuple[str, str]] = set()
    scored = []
    for offer in found:
        if (offer.kind, offer.key) in seen:
            continue
        seen.add((offer.kind, offer.key))
        scored.append(Recommendation(offer, score_offer(offer, area_gap=area_gap)))
    scored.sort(key=lambda r: (-r.score, r.offer.kind, r.offer.title))
    kept: list[Recommendation] = []
    per_kind: dict[str, int] = {}
    for item in scored:
        if per_kind.get(item.offer.kind, 0) >= PER_KIND:
            continue
        per_kind[item.offer.kind] = per_kind.get(item.offer.kind, 0) + 1
        kept.append(item)
        if len(kept) == PER_AREA:
            break
    return kept


def recommend(profile: Profile, *, user: Any) -> list[AreaRecommendations]:
    # A past title holder's team is not sent to ask itself how it did it.
    own_title = str(profile.assessment.organisation.title_id)
    result = []
    for area in profile.weak()[:MAX_AREAS]:
        found = [
            offer
            for offer in offers(area=area.area, user=user, limit=PER_AREA)
            if not (offer.kind == "peer" and offer.key == own_title)
        ]
        result.append(
            AreaRecommendations(area=area, items=rank(found, area_gap=gap(area.score)))
        )
    return result
