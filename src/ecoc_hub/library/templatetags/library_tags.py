from __future__ import annotations

from typing import Any

from django import template

from ecoc_hub.library import permissions, queries

register = template.Library()


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
