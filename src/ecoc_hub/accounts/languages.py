"""Languages a person can say they speak: the EU's official languages and those
of the candidate countries, as ISO 639-1 codes."""

from __future__ import annotations

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip
CANDIDATE_LANGUAGES = ("bs", "ka", "mk", "sq", "sr", "tr", "uk")
SPOKEN_LANGUAGES = tuple(sorted(EU_LANGUAGES + CANDIDATE_LANGUAGES))
# Django knows every language above but Maltese.
_EXTRA_NAMES = {"mt": _("Maltese")}


def language_name(code: str) -> str:
    """The language's name in the current interface language (Django's catalogue)."""
    if code in _EXTRA_NAMES:
        return str(_EXTRA_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def spoken_language_choices() -> list[tuple[str, str]]:
    choices = [(code, language_name(code)) for code in SPOKEN_LANGUAGES]
    return sorted(choices, key=lambda choice: choice[1].casefold())
