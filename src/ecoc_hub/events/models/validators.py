"""Validators and constraint helpers shared by the events' models."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("Unknown time zone “%(zone)s”. Use a name such as Europe/Berlin."),
            params={"zone": value},
        )


def validate_language_list(value: object) -> None:
    from ecoc_hub.accounts.languages import SPOKEN_LANGUAGES

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Languages must be a list of language codes."))
    if unknown := [v for v in value if v not in SPOKEN_LANGUAGES]:
        raise ValidationError(
            _("Unknown languages: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
