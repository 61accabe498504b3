"""What the platform stores about a person, for export and for erasure.

Each app that keeps personal data registers an exporter (returns a
JSON-serialisable value for its section of the download) and an eraser (removes
or anonymises that data when the account is deleted), usually from its
``AppConfig.ready()``::

    from ecoc_hub.accounts.privacy import register_eraser, register_exporter

    register_exporter("library", export_library_data)
    register_eraser(erase_library_data)

Erasers run inside the account deletion's transaction, before the account's
own data is removed, so they can still read the person's memberships and
addresses. Published contributions stay, attributed to "Former member".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from .models import User

Exporter = Callable[["User"], Any]
Eraser = Callable[["User"], None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []


def register_exporter(name: str, fn: Exporter) -> None:
    """Add a section ``name`` to every data export; a name is registered once."""
    if name in _exporters and _exporters[name] is not fn:
        raise ValueError(f"An exporter named {name!r} is already registered")
    _exporters[name] = fn


def register_eraser(fn: Eraser) -> None:
    if fn not in _erasers:
        _erasers.append(fn)


def registered_erasers() -> list[Eraser]:
    return list(_erasers)


def export_user_data(user: User) -> dict[str, Any]:
    """Everything stored about ``user``, one section per registered exporter."""
    data: dict[str, Any] = {
        "format": "ecoc-hub-personal-data/1",
        "exported_at": timezone.now().isoformat(),
    }
    for name, fn in sorted(_exporters.items()):
        data[name] = fn(user)
    return data
