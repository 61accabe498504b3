"""Extension point: what each app offers to build capacity in an area.

The capacity self-assessment (``assessment.recommend``) recommends, for each
area a team rated itself weak in, what the hub holds on that area: library
resources, courses, upcoming events, experts of the pool, peer cities. The
apps that hold those things sit beside or above the assessment, so they
register a provider here in their ``AppConfig.ready()``::

    from ecoc_hub.cities.offers import Offer, register

    def upcoming_events(*, area, user, limit):
        return [
            Offer(kind="event", key=str(e.pk), title=e.title,
                  url=e.get_absolute_url(), reason=_("..."), quality=1.0)
            for e in visible_events(user).filter(capacity_areas=area)[:limit]
        ]

    register("event", upcoming_events)

A provider receives the capacity area, the reader (it applies its own
permissions: an offer the reader may not see is never returned) and how many
offers are wanted, and returns its best ones. ``reason`` is a sentence in
the reader's language saying why the offer fits; ``specificity`` (1.0 when
the item is about this area alone, less when it is tagged with many) and
``quality`` (the provider's own 0 to 1 signal: a toolkit over a report, an
event still taking applications) feed the ranking, whose weights are in
``assessment.recommend`` and docs/assessment.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The kinds the ranking knows; a provider of another kind is refused.
KINDS = ("resource", "course", "event", "expert", "peer")


@dataclass(frozen=True)
class Offer:
    kind: str
    key: str
    title: str
    url: str
    reason: str
    specificity: float = 1.0
    quality: float = 0.5
    #: A short line under the title (type, date, city), in the reader's language.
    detail: str = ""


Provider = Callable[..., list[Offer]]

_providers: dict[str, list[Provider]] = {}


def register(kind: str, provider: Provider) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of offer: {kind}")
    found = _providers.setdefault(kind, [])
    if provider not in found:
        found.append(provider)


def unregister(kind: str, provider: Provider) -> None:
    if provider in _providers.get(kind, []):
        _providers[kind].remove(provider)


def registered_kinds() -> list[str]:
    return [kind for kind in KINDS if _providers.get(kind)]


def offers(*, area: Any, user: Any, limit: int = 5) -> list[Offer]:
    """Every provider's offers on ``area`` for ``user``, unranked."""
    found: list[Offer] = []
    for kind in KINDS:
        for provider in _providers.get(kind, []):
            found.extend(o for o in provider(area=area, user=user, limit=limit))
    return found
