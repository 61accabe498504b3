"""Who sees what in the ECoC directory."""

from __future__ import annotations

from typing import Any

from ecoc_hub.core.roles import is_curator


def can_see_unverified_titles(user: Any) -> bool:
    """Unverified titles wait for a curator's check before anyone else sees them."""
    return is_curator(user)


def can_see_title(user: Any, title: Any) -> bool:
    """A title is public once verified; until then only curators see it."""
    return title.is_public or can_see_unverified_titles(user)


def can_see_city(user: Any, city: Any) -> bool:
    """A city exists for a person when one of its titles does: a city whose
    only title is unverified does not exist for the public. Reads
    ``city.titles`` (prefetch it)."""
    return any(can_see_title(user, title) for title in city.titles.all())
