"""The call's eligibility rules, checked on what the applicant has entered.

The same function answers the form as it is filled (the live check) and the
``submit`` transition (server-side, always): an application with an unmet
rule cannot be submitted. Each unmet rule comes with its own reason, in the
reader's language, naming the figure the call asks for and the one given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Application, Call


@dataclass(frozen=True)
class Facts:
    """What eligibility depends on, from a saved application or a bound form."""

    years_sector: int | None
    years_consultancy: int | None
    years_ecoc_team: int | None
    profiles: tuple[str, ...]
    languages: tuple[str, ...]
    has_cv: bool
    declaration: bool

    @classmethod
    def of(cls, application: Application) -> Facts:
        return cls(
            years_sector=application.years_sector,
            years_consultancy=application.years_consultancy,
            years_ecoc_team=application.years_ecoc_team,
            profiles=tuple(application.profiles),
            languages=tuple(item["code"] for item in application.languages),
            has_cv=application.cv_id is not None,
            declaration=application.declaration,
        )


@dataclass(frozen=True)
class Unmet:
    """One rule not met: ``rule`` for programs, ``reason`` for people,
    ``field`` for the form field it belongs to."""

    rule: str
    reason: str
    field: str


def _years(count: int) -> str:
    return ngettext("%(count)s year", "%(count)s years", count) % {"count": count}


def unmet_rules(call: Call, facts: Facts) -> list[Unmet]:
    """The call's rules this applicant does not meet (empty: eligible)."""
    found: list[Unmet] = []
    sector = facts.years_sector or 0
    if sector < call.min_years_sector:
        found.append(
            Unmet(
                "years_sector",
                _(
                    "The call asks for at least %(required)s in the cultural or "
                    "social sector in multicultural contexts; you entered %(given)s."
                )
                % {"required": _years(call.min_years_sector), "given": _years(sector)},
                "years_sector",
            )
        )
    consultancy = facts.years_consultancy or 0
    team = facts.years_ecoc_team or 0
    if consultancy < call.min_years_consultancy and team < call.min_years_ecoc_team:
        found.append(
            Unmet(
                "consultancy_or_team",
                _(
                    "The call asks for at least %(consultancy)s as a consultant or "
                    "trainer, or %(team)s in an ECoC delivery team; you entered "
                    "%(given_consultancy)s and %(given_team)s."
                )
                % {
                    "consultancy": _years(call.min_years_consultancy),
                    "team": _years(call.min_years_ecoc_team),
                    "given_consultancy": _years(consultancy),
                    "given_team": _years(team),
                },
                "years_consultancy",
            )
        )
    offered = set(call.profile_codes())
    if not facts.profiles:
        found.append(
            Unmet("profiles", _("Choose at least one expert profile."), "profiles")
        )
    elif set(facts.profiles) - offered:
        found.append(
            Unmet(
                "profiles",
                _("This call does not offer one of the profiles you chose."),
                "profiles",
            )
        )
    if not facts.languages:
        found.append(
            Unmet(
                "languages",
                _("Give at least one language you can work in, with its level."),
                "languages",
            )
        )
    return found


def missing_for_submission(facts: Facts) -> list[Unmet]:
    """What a complete application needs besides the rules: a CV, the
    declaration of honour."""
    found: list[Unmet] = []
    if not facts.has_cv:
        found.append(Unmet("cv", _("Upload your CV as a PDF file."), "cv"))
    if not facts.declaration:
        found.append(
            Unmet(
                "declaration",
                _("Confirm the declaration of honour before submitting."),
                "declaration",
            )
        )
    return found


def blocking(call: Call, facts: Facts) -> list[Unmet]:
    return [*unmet_rules(call, facts), *missing_for_submission(facts)]


def reasons(items: Iterable[Unmet]) -> list[str]:
    return [item.reason for item in items]


def rule_summary(call: Call) -> list[str]:
    """The call's rules as sentences, for its page."""
    return [
        _(
            "At least %(years)s in the cultural or social sector, in multicultural "
            "contexts."
        )
        % {"years": _years(call.min_years_sector)},
        _(
            "And at least %(consultancy)s as a consultant or trainer, or %(team)s "
            "in the delivery team of a European Capital of Culture."
        )
        % {
            "consultancy": _years(call.min_years_consultancy),
            "team": _years(call.min_years_ecoc_team),
        },
        _("Experience of a European Capital of Culture is valued but not required."),
    ]
