"""Named predicates shared by views, templates and the API.

The role predicates (``is_member``, ``is_curator``, ...) live in
``ecoc_hub.core.roles`` so that the lower layers can use them too; they are
imported here so that the accounts app's rules read in one place.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.core.roles import (
    is_admin as is_admin,
)
from ecoc_hub.core.roles import (
    is_curator as is_curator,
)
from ecoc_hub.core.roles import (
    is_expert as is_expert,
)
from ecoc_hub.core.roles import (
    is_member as is_member,
)
from ecoc_hub.core.roles import (
    is_reviewer as is_reviewer,
)
from ecoc_hub.core.roles import (
    requires_mfa as requires_mfa,
)


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


def can_see_join_request(user: Any, join_request: Any) -> bool:
    """The person who asked and the people who answer; to anyone else the
    request does not exist."""
    return is_join_request_author(user, join_request) or can_manage_team(
        user, join_request.organisation
    )


def can_decide_join_request(user: Any, join_request: Any) -> bool:
    """Team admins and curators answer, never the person who asked."""
    return join_request.user_id != getattr(user, "pk", None) and can_manage_team(
        user, join_request.organisation
    )


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
