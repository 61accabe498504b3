"""Who may read the programme's monitoring dashboard."""

from __future__ import annotations

from typing import Any

from ecoc_hub.core.roles import is_curator, is_funder


def can_view_dashboard(user: Any) -> bool:
    """Curators (and admins) and the programme's funder."""
    return is_curator(user) or is_funder(user)
