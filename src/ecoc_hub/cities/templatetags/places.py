"""Names of places for templates: ``{{ resource.countries|country_names }}``."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from ecoc_hub.cities.countries import country_name

register = template.Library()


@register.filter
def country_names(codes: Iterable[str]) -> str:
    """ "Finland, Belgium" for ISO 3166-1 codes, in the reader's language."""
    return ", ".join(country_name(code) for code in codes or [])
