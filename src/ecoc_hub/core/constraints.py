"""Database constraints the apps' models share."""

from __future__ import annotations

from django.db import models


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    """A CHECK that ``field`` holds one of ``choices``' values, so that a
    value written around the model (raw SQL, a bulk update) cannot be one the
    pages have no label for."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": choices.values}), name=name
    )
