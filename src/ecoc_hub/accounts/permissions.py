"""Named predicates shared by views, templates and the API.

A visitor is anyone not signed in. A member is any signed-in person with a
verified account; curators, reviewers, experts and admins hold a group each.
"""

from __future__ import annotations

from typing import Any

from . import roles


def _has_group(user: Any, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_ecoc_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._ecoc_group_names = cache
    return name in cache


def is_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_admin(user: Any) -> bool:
    return is_member(user) and (user.is_superuser or _has_group(user, roles.ADMIN))


def is_curator(user: Any) -> bool:
    return is_admin(user) or _has_group(user, roles.CURATOR)


def is_reviewer(user: Any) -> bool:
    return is_admin(user) or _has_group(user, roles.REVIEWER)


def is_expert(user: Any) -> bool:
    return _has_group(user, roles.EXPERT)


def requires_mfa(user: Any) -> bool:
    """Curators and admins must have a second factor before they act."""
    return is_curator(user)


def is_team_admin(user: Any, organisation: Any) -> bool:
    if not is_member(user):
        return False
    if is_admin(user):
        return True
    return organisation.memberships.filter(user=user, role="admin").exists()


def is_team_member(user: Any, organisation: Any) -> bool:
    return is_member(user) and organisation.memberships.filter(user=user).exists()


def can_request_to_join(user: Any, organisation: Any) -> bool:
    """Any signed-in person who is not in the team yet may ask to join it."""
    return is_member(user) and not is_team_member(user, organisation)


def can_view_team(user: Any, organisation: Any) -> bool:
    """Team pages are public: who works on a title is not a secret."""
    return True


def is_join_request_author(user: Any, join_request: Any) -> bool:
    return is_member(user) and join_request.user_id == user.pk


def can_create_team(user: Any) -> bool:
    return is_curator(user)


def can_manage_team(user: Any, organisation: Any) -> bool:
    """Team admins, and the curators who set teams up, invite and remove people."""
    return is_curator(user) or is_team_admin(user, organisation)


def can_view_profile(viewer: Any, person: Any) -> bool:
    """Public profiles for everyone, members-only for members, private for few."""
    if not person.is_active or person.is_former_member:
        return is_curator(viewer)
    if getattr(viewer, "pk", None) == person.pk and is_member(viewer):
        return True
    if person.visibility == "public":
        return True
    if person.visibility == "members":
        return is_member(viewer)
    return is_curator(viewer)
