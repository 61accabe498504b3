"""The platform's roles and the predicates that read them.

A role is a Django group of this name (``django.contrib.auth``), so every
app, from the ECoC directory up, can ask "is this person a curator?" without
depending on the accounts app. A visitor is anyone not signed in; a member is
any signed-in person with an active account; curators, reviewers, experts and
admins hold a group each. The labels people read are in
``ecoc_hub.accounts.roles``; the rules about teams and profiles in
``ecoc_hub.accounts.permissions``.
"""

from __future__ import annotations

from typing import Any

MEMBER = "member"
EXPERT = "expert"
CURATOR = "curator"
REVIEWER = "reviewer"
ADMIN = "admin"
#: May create Academy events (the events app creates the group).
ORGANISER = "organiser"
#: The programme's funder: reads the monitoring dashboard (the dashboard app
#: creates the group).
FUNDER = "funder"


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
    return is_member(user) and (user.is_superuser or _has_group(user, ADMIN))


def is_curator(user: Any) -> bool:
    return is_admin(user) or _has_group(user, CURATOR)


def is_reviewer(user: Any) -> bool:
    return is_admin(user) or _has_group(user, REVIEWER)


def is_expert(user: Any) -> bool:
    return _has_group(user, EXPERT)


def has_organiser_role(user: Any) -> bool:
    return _has_group(user, ORGANISER)


def is_funder(user: Any) -> bool:
    return _has_group(user, FUNDER)


def requires_mfa(user: Any) -> bool:
    """Curators and admins must have a second factor before they act."""
    return is_curator(user)
