"""What the platform stores about a person, for export and for erasure.

Each app that keeps personal data registers an exporter (returns a
JSON-serialisable value for its section of the download) and an eraser (removes
or anonymises that data when the account is deleted), usually from its
``AppConfig.ready()``::

    from ecoc_hub.accounts.privacy import register_eraser, register_exporter

    register_exporter("library", export_library_data)
    register_eraser(erase_library_data)

Erasers run inside the account deletion's transaction, before the account's
own data is removed, so they can still read the person's memberships,
addresses and display name. Each is called as ``eraser(user,
contributions=choice)``, where ``choice`` is a ``ContributionChoice``: what
the person chose (or the site's policy says) for what they published:

- ``keep``: it stays as published, credits included;
- ``anonymise``: it stays, credited to "Former member" instead of the person;
- ``remove``: it is deleted.

Unpublished drafts and submissions are personal working data: erasers
delete them whatever the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import User


class ContributionChoice(models.TextChoices):
    KEEP = "keep", _("Keep them as they are, credited with my name")
    ANONYMISE = "anonymise", _('Keep them, credited to "Former member"')
    REMOVE = "remove", _("Remove them from the hub")


def contributions_policy() -> ContributionChoice | None:
    """The site's fixed choice (ECOC_HUB_CONTRIBUTIONS_ON_DELETION), or None
    when each person chooses."""
    value = getattr(settings, "ECOC_HUB_CONTRIBUTIONS_ON_DELETION", "")
    return ContributionChoice(value) if value else None


Exporter = Callable[["User"], Any]
Eraser = Callable[..., None]

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
