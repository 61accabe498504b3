"""Lists in a template sorted by their names in the reader's language:
``{% for area in item.capacity_areas.all|by_name:"display_name" %}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from ecoc_hub.core.collation import sort_by_name

register = template.Library()


@register.filter
def by_name(items: Iterable[Any] | None, attribute: str = "") -> list[Any]:
    """The items sorted by ``attribute`` (a property or a method without
    arguments, as a template reads it), by their text without one."""
    if not attribute:
        return sort_by_name(items or [])

    def name(item: Any) -> Any:
        value = getattr(item, attribute)
        return value() if callable(value) else value

    return sort_by_name(items or [], key=name)
