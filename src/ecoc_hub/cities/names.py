"""City names in the interface languages (Bruxelles, Brüssel; Lisbonne, Lissabon).

The directory stores each city under its English name; ``data/city_names.csv``
gives its name in each interface language, one row per title city. The
directory, its search, the search facets and the index all read it here, so a
reader finds "Brüssel" whatever the language they browse in.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.translation import get_language

from .reference import read_csv


@cache
def _names() -> dict[tuple[str, str], dict[str, str]]:
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        (row["city"], row["country_code"]): {
            code: row[code] for code in languages if row.get(code)
        }
        for row in read_csv("city_names.csv")
    }


def city_name(name: str, country_code: str, language: str | None = None) -> str:
    """The city's name in ``language`` (the active one by default)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _names().get((name, country_code), {}).get(language, name)


def all_city_names(name: str, country_code: str) -> list[str]:
    """Every name of the city, the stored one first, without repeats."""
    names = [name, *_names().get((name, country_code), {}).values()]
    return list(dict.fromkeys(names))
