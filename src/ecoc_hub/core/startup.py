"""Work an app needs done each time the site starts, before it serves.

``ecoc-hub serve`` migrates, then runs every registered hook in the order of
registration (the apps' ``AppConfig.ready()``, so ``INSTALLED_APPS`` order).
A hook receives where the site listens and returns a sentence to print, or
``None`` when it had nothing to say. The cities app loads the ECoC directory
there when it is missing; the accounts app takes the demo passwords away from
a site other machines can reach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Start:
    site_url: str  # the address links use (SITE_URL, or where it listens)
    listen_url: str  # http://<host> the server binds to
    every_interface: bool  # bound to 0.0.0.0 or ::, so reachable from anywhere


Hook = Callable[[Start], str | None]

_hooks: dict[str, Hook] = {}


def register(name: str, hook: Hook) -> None:
    """Register ``hook`` under ``name``; registering a name again replaces it."""
    _hooks[name] = hook


def run(start: Start) -> list[str]:
    """Run every hook; return what they had to say, in order."""
    said = []
    for hook in _hooks.values():
        if (message := hook(start)) is not None:
            said.append(message)
    return said
