"""Who may do what with podcasts. Used by views, templates and the API."""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator


def can_manage_podcasts(user: Any) -> bool:
    return is_curator(user)


def can_view_show(user: Any, show: Any) -> bool:
    return show.is_public or can_manage_podcasts(user)


def can_view_episode(user: Any, episode: Any) -> bool:
    """Visitors see published, due episodes; curators also preview the rest."""
    return episode.is_public or can_manage_podcasts(user)
