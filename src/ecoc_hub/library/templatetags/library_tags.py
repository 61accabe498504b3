from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from ecoc_hub.library import permissions, queries
from ecoc_hub.library.models import Creator, Resource, ResourceRelation
from ecoc_hub.library.services import SIMPLE_FIELDS
from ecoc_hub.library.vocab import language_name

register = template.Library()


_FIELD_ORDER = [
    *SIMPLE_FIELDS,
    "creators",
    "capacity_areas",
    "titles",
    "allowed_organisations",
    "related",
]


def field_label(name: str) -> str:
    """The translated name of a field recorded in a version's changes."""
    if name == "creators":
        return str(Creator._meta.verbose_name_plural)
    if name == "related":
        return str(ResourceRelation._meta.verbose_name_plural)
    try:
        field = Resource._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ")
    return str(getattr(field, "verbose_name", name))


@register.filter
def language_names(codes: list[str]) -> str:
    """ "English, French" for ISO 639-1 codes, in the reader's language."""
    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def changed_fields(changes: dict[str, Any]) -> str:
    """ "Publication year, resource type" for a version's ``changes``."""
    # In the form's order: PostgreSQL's jsonb does not keep the keys' order.
    order = {name: i for i, name in enumerate(_FIELD_ORDER)}
    names = sorted(changes, key=lambda name: (order.get(name, len(order)), name))
    return capfirst(", ".join(field_label(name) for name in names))


@register.inclusion_tag("library/includes/dashboard.html", takes_context=True)
def library_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    """The "My contributions" block of the dashboard: ``{% library_dashboard %}``."""
    user = context["request"].user
    can_moderate = permissions.can_moderate(user)
    return {
        "library_resources": list(queries.my_contributions(user)[:5])
        if user.is_authenticated
        else [],
        "library_can_moderate": can_moderate,
        "library_waiting": queries.moderation_queue().count() if can_moderate else 0,
    }
