"""Who sees what in the ECoC directory."""

from __future__ import annotations

from typing import Any

from ecoc_hub.core.roles import is_curator


def can_see_unverified_titles(user: Any) -> bool:
    """Unverified titles wait for a curator's check before anyone else sees them."""
    return is_curator(user)
