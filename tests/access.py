"""The role by endpoint table every app registers its protected URLs into.

Each app's tests hold an ``access.py`` that calls ``register()`` for every
URL a role can be refused, and ``public()`` for the URL names everyone may
open; ``tests/core/test_access_matrix.py`` requests each one as each role
and asserts the status, and fails when a URL of a registered namespace is
in neither list. A new app adds ``tests/<app>/access.py``; a new role adds a
column to ``ROLES`` and a person to ``make_people``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

#: Every role the table knows. ``member`` is a team admin of the world's
#: team and owns its drafts; ``other_team_member`` belongs to another team.
#: ``organiser``, ``reviewer`` and ``expert`` hold no rights in today's
#: apps: unless an endpoint says otherwise they get what a member with no
#: tie to the objects gets, ``other_team_member`` (``expect`` fills them in).
#: ``other_expert`` is a second expert, with no tie to the world's objects
#: (the world's ``expert`` is the one invited to its support request).
#: ``funder`` is the programme's funder, who reads the monitoring dashboard.
ROLES = (
    "visitor",
    "member",
    "other_team_member",
    "curator",
    "admin",
    "organiser",
    "reviewer",
    "expert",
    "other_expert",
    "funder",
)
NEW_ROLES = ("organiser", "reviewer", "expert", "other_expert", "funder")

World = SimpleNamespace


@dataclass(frozen=True)
class Endpoint:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda world: {})


ENDPOINTS: dict[str, Endpoint] = {}
#: Functions ``(world) -> None`` that add an app's objects to the world
#: (``tests/<app>/access.py`` registers them with ``extend_world``).
WORLD_EXTENSIONS: list[Callable[[World], None]] = []
PUBLIC: set[str] = set()
#: URL namespaces whose every pattern must be registered or public.
NAMESPACES: set[str] = set()


def expect(
    *,
    visitor: int,
    member: int,
    other_team_member: int | None = None,
    curator: int,
    admin: int | None = None,
    **new_roles: int,
) -> dict[str, int]:
    """The expected status per role; unnamed roles default sensibly:
    another team's member as a member, an admin as a curator, the new
    roles as another team's member."""
    other = member if other_team_member is None else other_team_member
    table = {
        "visitor": visitor,
        "member": member,
        "other_team_member": other,
        "curator": curator,
        "admin": curator if admin is None else admin,
    }
    for role in NEW_ROLES:
        table[role] = new_roles.pop(role, other)
    if new_roles:
        raise ValueError(f"Unknown roles: {sorted(new_roles)}")
    return table


def register(
    url_name: str,
    url: Callable[[World], str],
    expected: dict[str, int],
    *,
    method: str = "get",
    data: Callable[[World], dict[str, Any]] | None = None,
    label: str = "",
) -> None:
    """One protected request; ``label`` tells apart two requests of one URL."""
    name = f"{url_name} {label}".strip()
    if name in ENDPOINTS:
        raise ValueError(f"{name} is registered twice.")
    ENDPOINTS[name] = Endpoint(
        name=name,
        url=url,
        expected=expected,
        method=method,
        data=data or (lambda world: {}),
    )


def public(*url_names: str) -> None:
    """URL names anyone may open (their own tests cover them)."""
    PUBLIC.update(url_names)


def extend_world(build: Callable[[World], None]) -> Callable[[World], None]:
    """Decorator: ``build(world)`` adds an app's objects after the core's."""
    WORLD_EXTENSIONS.append(build)
    return build


def covers(namespace: str) -> None:
    NAMESPACES.add(namespace)


def registered_url_names() -> set[str]:
    return {name.split(" ")[0] for name in ENDPOINTS}
