"""Names in the order the reader's language sorts them.

Lists a person reads by name (countries, capacity areas, expert profiles,
languages, people) are sorted by the name shown, in the active language,
never by the code or the key behind it: "Autriche" comes first in French,
"Österreich" comes among the O's in German.

The interface languages (English, French, German) all follow the Unicode
root collation for European names, which this key reproduces without ICU
(PyICU is not a dependency: one C library fewer to build and ship):

- a letter with an accent sorts with its letter ("Éire" next to "Eesti",
  "Österreich" next to "Oman", as German dictionaries do, DIN 5007-1), and
  "æ", "œ", "ø", "ł", "đ", "ß" sort as "ae", "oe", "o", "l", "d", "ss";
- case does not count;
- ties are broken by the accents (forward, as in France: "cote", "coté",
  "côte", "côté"), then by case (small letters first), so equal names
  always come out in the same order.

A future interface language with its own alphabetical order (Swedish puts
"Ö" after "Z") would need its tailoring here, or PyICU.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "\u0131": "i",  # dotless i
        "ŧ": "t",
        "þ": "th",
        # Typographic quotes, dashes and spaces sort as their plain forms.
        "\u2019": "'",
        "\u2018": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def collation_key(text: object) -> tuple[str, str, str]:
    """A sort key for a name: its letters, then its accents, then its case."""
    shown = " ".join(str(text).split())
    folded = unicodedata.normalize("NFKD", shown.casefold().translate(_LETTERS))
    letters = "".join(char for char in folded if not unicodedata.combining(char))
    # swapcase: small letters before capitals, as the root collation does.
    return (letters, folded, unicodedata.normalize("NFD", shown).swapcase())


def sort_by_name[T](
    items: Iterable[T], key: Callable[[T], Any] | None = None
) -> list[T]:
    """``items`` sorted by their names as the reader's language sorts them;
    ``key`` gives an item's name (``str(item)`` without it)."""
    name: Callable[[T], Any] = key if key is not None else str
    return sorted(items, key=lambda item: collation_key(name(item)))


def sort_choices(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Form choices, ``(value, label)`` pairs, sorted by their labels."""
    return sort_by_name(pairs, key=itemgetter(1))


__all__ = ["collation_key", "sort_by_name", "sort_choices"]
