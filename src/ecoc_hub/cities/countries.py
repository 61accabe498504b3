"""Country names of the ECoC directory, translatable.

The directory stores the ISO 3166-1 alpha-2 code of each city's country; the
English name in ``City.country`` is the fallback for a code missing here.
"""

from __future__ import annotations

import unicodedata

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES: dict[str, Promise] = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "ME": _("Montenegro"),
    "MK": _("North Macedonia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "RS": _("Serbia"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "TR": _("Türkiye"),
}


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Trenčín" and "trencin" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_name(code: str, fallback: str = "") -> str:
    name = COUNTRY_NAMES.get(code.upper())
    return str(name) if name is not None else (fallback or code)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by the name in the active language."""
    pairs = [(code, str(name)) for code, name in COUNTRY_NAMES.items()]
    return sorted(pairs, key=lambda pair: fold(pair[1]))
