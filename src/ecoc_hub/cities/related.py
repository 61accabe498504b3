"""Extension point: other apps list their items on the directory's pages.

The city, title and capacity area pages show a section for each registered
provider that has something to show. The library (resources about a title
city or tagged with a capacity area) and events (camps held in a city) plug
in here without the cities app knowing about them. Register in the app's
``AppConfig.ready()``::

    from ecoc_hub.cities.related import RelatedSection, register

    def resources_for_title(*, obj, user):
        items = list(published_resources_about(title=obj, user=user)[:10])
        if not items:
            return None
        return RelatedSection(
            heading=_("Resources"),
            template="library/includes/related_resources.html",
            context={"resources": items},
        )

    register("title", resources_for_title)

A provider receives the page's object (a City, a Title, a CapacityArea, or a
city team, ``accounts.Organisation``, on the team page) and
the requesting user, applies its own permissions and returns ``None`` when it
has nothing to show, so no empty heading is ever rendered.

The directory also shows how many things on the hub sit under each capacity
area (the criteria page, the home page, each area's page). It cannot count
them itself: they live in the search index, a layer above. The search app
registers the count once, with ``register_area_counter(counter)``, where
``counter(user=...)`` returns ``{area code: count}`` of what that person may
see; ``area_counts(user=...)`` asks it (and is empty when nothing counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

#: "team": a city team's page; "resource": a library resource's page
#: (events list the events whose recording or material it is); "event" and
#: "course": an event's and a course's page, where a provider's section is
#: shown inside the "Take part" box (the community links the discussion of
#: the event's participants or the course's learners).
Page = Literal["city", "title", "capacity_area", "team", "resource", "event", "course"]


@dataclass(frozen=True)
class RelatedSection:
    heading: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


Provider = Callable[..., RelatedSection | None]

_providers: dict[str, list[Provider]] = {
    "city": [],
    "title": [],
    "capacity_area": [],
    "team": [],
    "resource": [],
    "event": [],
    "course": [],
}


def register(page: Page, provider: Provider) -> None:
    if provider not in _providers[page]:
        _providers[page].append(provider)


def unregister(page: Page, provider: Provider) -> None:
    if provider in _providers[page]:
        _providers[page].remove(provider)


def sections(page: Page, *, obj: Any, user: Any) -> list[RelatedSection]:
    found = [provider(obj=obj, user=user) for provider in _providers[page]]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)


AreaCounter = Callable[..., dict[str, int]]

_area_counter: list[AreaCounter] = []


def register_area_counter(counter: AreaCounter) -> None:
    """Set the one function that counts what each capacity area holds."""
    _area_counter[:] = [counter]


def area_counts(*, user: Any) -> dict[str, int]:
    """``{capacity area code: count}`` of what ``user`` may see on the hub."""
    return _area_counter[0](user=user) if _area_counter else {}
