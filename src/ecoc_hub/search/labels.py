"""Built-in names for the facets every kind shares."""

from __future__ import annotations

from django.utils.translation import get_language_info, gettext_lazy

from ecoc_hub.cities.countries import country_name

from .models import Access
from .registry import kind_label, register_facet


def _language_names(values: list[str]) -> dict[str, str]:
    names = {}
    for code in values:
        try:
            names[code] = str(get_language_info(code)["name_translated"])
        except KeyError:
            names[code] = code
    return names


def _access_names(values: list[str]) -> dict[str, str]:
    choices = dict(Access.choices)
    return {value: str(choices.get(value, value)) for value in values}


def _kind_names(values: list[str]) -> dict[str, str]:
    return {value: kind_label(value) for value in values}


def _country_names(values: list[str]) -> dict[str, str]:
    return {value: country_name(value) for value in values}


def _year_names(values: list[str]) -> dict[str, str]:
    return {value: value for value in values}


def register_builtin_facets() -> None:
    register_facet("kind", gettext_lazy("Kind"), _kind_names)
    register_facet("type", gettext_lazy("Type"))
    register_facet("capacity_area", gettext_lazy("Capacity area"))
    register_facet("city", gettext_lazy("Title city"))
    register_facet("country", gettext_lazy("Country"), _country_names)
    register_facet("year", gettext_lazy("Year"), _year_names)
    register_facet("language", gettext_lazy("Language"), _language_names)
    register_facet("licence", gettext_lazy("Licence"))
    register_facet("access", gettext_lazy("Access"), _access_names)
