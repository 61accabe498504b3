"""What a certificate is awarded for: the apps that issue certificates.

An app that issues certificates (events, courses) registers its source model
once, in its ``AppConfig.ready()``::

    from ecoc_hub.certificates.sources import register_source

    register_source(Event, can_manage=permissions.is_organiser, link=event_link)

``can_manage(user, source)`` says who may revoke and re-issue its
certificates besides curators and admins; ``link(source)`` gives the
``(label, url)`` shown on the verification page (or ``None``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from ecoc_hub.core.permissions import ObjectPredicate


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    can_manage: ObjectPredicate
    link: Callable[[Any], tuple[str, str] | None]


_sources: dict[type[models.Model], Source] = {}


def register_source(
    model: type[models.Model],
    *,
    can_manage: ObjectPredicate,
    link: Callable[[Any], tuple[str, str] | None] = lambda obj: None,
) -> None:
    _sources[model] = Source(model=model, can_manage=can_manage, link=link)


def source_for(obj: object) -> Source | None:
    return next(
        (source for model, source in _sources.items() if type(obj) is model), None
    )
