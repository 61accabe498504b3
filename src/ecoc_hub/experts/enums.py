"""The call's vocabularies: expert profiles, language levels, states.

The thirteen profiles are those of the original programme's call for experts
(2020 to 2022); their sub-criteria are written for this site (see
``profiles.py`` for the default wording a new call starts from).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.collation import sort_by_name, sort_choices


class Profile(models.TextChoices):
    MANAGEMENT = "management", _("Management")
    COMMUNICATION = "communication", _("Communication")
    ARTISTIC = "artistic", _("Artistic and programme")
    PRODUCTION = "production", _("Production and technical coordination")
    COMMUNITY = "community", _("Community and network coordination")
    INTERNATIONAL = "international", _("International relations coordination")
    AUDIENCE = "audience", _("Audience development")
    CONFLICT = "conflict", _("Conflict resolution")
    CHANGE = "change", _("Change management")
    LEGAL = "legal", _("Legal")
    EVALUATION = "evaluation", _("Monitoring and evaluation")
    SAFETY = "safety", _("Health and safety for events")
    DIGITAL = "digital", _("Digital")


class Level(models.TextChoices):
    """The Common European Framework of Reference for Languages."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    UNSURE = "unsure", _("Undecided")
    REJECT = "reject", _("Reject")


class Decision(models.TextChoices):
    NONE = "", _("Not decided")
    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Reject")


class EcocRole(models.TextChoices):
    DELIVERY_TEAM = "delivery_team", _("Member of the delivery team")
    BID_TEAM = "bid_team", _("Member of the bid team")
    CONSULTANT = "consultant", _("Consultant or trainer for the team")
    PARTNER = "partner", _("Partner organisation or project leader")
    EVALUATOR = "evaluator", _("Evaluator or researcher")
    VOLUNTEER = "volunteer", _("Volunteer coordinator")


#: The EU's official languages and the other languages of ECoC countries,
#: in which applicants say they can work.
WORKING_LANGUAGES = [
    "bg", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fi",
    "fr", "ga", "gl", "hr", "hu", "is", "it", "lt", "lv", "mk", "mt", "nl",
    "nb", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk",
]  # fmt: skip

#: Names Django's language table lacks (or leaves untranslated).
_EXTRA_LANGUAGE_NAMES = {"mt": _("Maltese"), "nb": _("Norwegian")}


def language_label(code: str) -> str:
    """A working language's name in the active language."""
    from ecoc_hub.library.vocab import language_name

    if code in _EXTRA_LANGUAGE_NAMES:
        return str(_EXTRA_LANGUAGE_NAMES[code])
    return language_name(code)


def language_choices() -> list[tuple[str, str]]:
    """The working languages by their names in the reader's language."""
    return sort_choices((code, language_label(code)) for code in WORKING_LANGUAGES)


def profile_choices() -> list[tuple[str, str]]:
    """The profiles by their names in the reader's language."""
    return sort_choices((code, str(label)) for code, label in Profile.choices)


def profile_labels(codes: list[str]) -> list[str]:
    """The names of these profiles, sorted as the reader's language sorts."""
    names = dict(Profile.choices)
    return sort_by_name(str(names.get(code, code)) for code in codes)
