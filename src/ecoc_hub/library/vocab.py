"""Controlled vocabularies: ISO 639-1 languages, ISO 3166-1 countries, identifiers."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from ecoc_hub.cities.countries import fold

# The ISO 639-1 language codes.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co
    cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd
    gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
    ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg
    mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os
    pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo
    wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905 - a list literal would take a line per code
)

# The ISO 3166-1 alpha-2 country codes.
ISO_3166_1 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
    BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
    CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
    PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
    TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 - a list literal would take a line per code
)

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


@cache
def _locale_language_names(language: str) -> dict[str, str]:
    # Unicode CLDR's names (through Babel) cover every ISO 639-1 code in every
    # interface language; Django's own list lacks half of them (Maltese, Chinese).
    try:
        names = Locale.parse(to_locale(language)).languages
    except (UnknownLocaleError, ValueError):
        names = Locale.parse("en").languages
    return {code: capfirst(names[code]) for code in ISO_639_1 if code in names}


def language_name(code: str, language: str | None = None) -> str:
    """The language's name in the reader's language ("Maltais" in French)."""
    names = _locale_language_names(language or get_language() or "en")
    return names.get(code) or _locale_language_names("en").get(code) or code


def language_choices() -> list[tuple[str, str]]:
    """Every ISO 639-1 language as (code, name), sorted by the reader's names."""
    pairs = [(code, language_name(code)) for code in ISO_639_1]
    return sorted(pairs, key=lambda pair: fold(pair[1]))


def language_terms(code: str) -> str:
    """What a person may type to find a language: its names in every interface
    language and its code."""
    names = {language_name(code, lang) for lang, _name in settings.LANGUAGES}
    return " ".join([*sorted(names), code])


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Languages must be a list of ISO 639-1 codes."))
    unknown = [v for v in value if v not in ISO_639_1]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s. Use ISO 639-1 codes such as en, fr."),
            params={"codes": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A language is listed twice."))


def validate_countries(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Countries must be a list of ISO 3166-1 codes."))
    unknown = [v for v in value if v not in ISO_3166_1]
    if unknown:
        raise ValidationError(
            _("Unknown country codes: %(codes)s. Use ISO 3166-1 codes such as FR, DE."),
            params={"codes": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A country is listed twice."))


def validate_doi(value: str) -> None:
    if value and not DOI_RE.match(value):
        raise ValidationError(
            _("A DOI looks like 10.1234/abcd (without https://doi.org/).")
        )


def normalise_isbn(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def isbn_is_valid(value: str) -> bool:
    digits = normalise_isbn(value)
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum(
            (10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits)
        )
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _("This is not a valid ISBN-10 or ISBN-13 (check digit does not match).")
        )
