"""Names of places for templates: ``{{ resource.countries|country_names }}``."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from ecoc_hub.cities.countries import country_name

register = template.Library()


@register.filter
def country_names(codes: Iterable[str] | str) -> str:
    """ "Finland, Belgium" for ISO 3166-1 codes, in the reader's language.

    A single code is one country, not a list of letters ("B, E").
    """
    if isinstance(codes, str):
        codes = [codes] if codes else []
    return ", ".join(country_name(code) for code in codes or [])
