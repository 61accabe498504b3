"""Extension point: where a city team stands on each capacity area.

The self-assessment (``assessment``) knows which capacity areas a team rated
itself strong or weak in; the community (the directory, suggested peers)
needs that without importing an app of its own layer. The assessment
registers one provider in its ``AppConfig.ready()``::

    from ecoc_hub.accounts import team_areas

    team_areas.register(latest_areas)

``provider(team, *, shared_only)`` returns a ``TeamAreas`` from the team's
latest submitted self-assessment, or ``None`` when it has none. With
``shared_only`` it answers only from an assessment the team chose to show
other teams (for the public directory); without it, for the team's own use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TeamAreas:
    #: Capacity area codes, strongest first.
    strong: tuple[str, ...]
    #: Capacity area codes, weakest first.
    weak: tuple[str, ...]


Provider = Callable[..., TeamAreas | None]

_provider: list[Provider] = []


def register(provider: Provider) -> None:
    _provider[:] = [provider]


def unregister(provider: Provider) -> None:
    if provider in _provider:
        _provider.remove(provider)


def areas_of(team: Any, *, shared_only: bool) -> TeamAreas | None:
    return _provider[0](team, shared_only=shared_only) if _provider else None
