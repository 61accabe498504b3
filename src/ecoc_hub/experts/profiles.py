"""The default sub-criteria of each expert profile.

A new call starts from these lines (the call manager may edit them per call).
The wording is the site's own; the structure (general rules plus each
profile's own requirements) follows the original programme's call.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .enums import Profile

DEFAULT_SUB_CRITERIA: dict[str, list[Promise]] = {
    Profile.MANAGEMENT: [
        _("More than five years designing multicultural projects."),
        _(
            "More than two years programming a European Capital of Culture or a "
            "large event, including contingency planning."
        ),
        _(
            "Experience of strategy, finance and fundraising, monitoring and "
            "evaluation, human resources, and institutional and artistic relations."
        ),
    ],
    Profile.COMMUNICATION: [
        _("Three years or more leading communication for cultural organisations."),
        _("Campaigns in more than one language or country."),
    ],
    Profile.ARTISTIC: [
        _("Curating or programming a multidisciplinary cultural programme."),
        _("Work with artists from several countries."),
    ],
    Profile.PRODUCTION: [
        _("Producing festivals or events for large audiences."),
        _("Technical coordination of venues and public space."),
    ],
    Profile.COMMUNITY: [
        _("Building networks of local organisations, volunteers or residents."),
        _("Participatory projects with communities."),
    ],
    Profile.INTERNATIONAL: [
        _("Running international partnerships or co-productions."),
        _("Knowledge of EU cultural programmes and networks."),
    ],
    Profile.AUDIENCE: [
        _("Audience research and audience development plans."),
        _("Work with audiences who rarely take part in culture."),
    ],
    Profile.CONFLICT: [
        _("Mediation or facilitation in organisations or communities."),
        _("Training in conflict resolution methods."),
    ],
    Profile.CHANGE: [
        _("Leading organisational change in public or cultural bodies."),
        _("Coaching teams through growth or restructuring."),
    ],
    Profile.LEGAL: [
        _("Legal advice on contracts, rights or public procurement in culture."),
        _("Knowledge of EU and national law that applies to events."),
    ],
    Profile.EVALUATION: [
        _("Designing monitoring and evaluation frameworks."),
        _("Quantitative and qualitative research methods."),
    ],
    Profile.SAFETY: [
        _("Safety planning for public events and crowds."),
        _("Knowledge of permits, risk assessment and emergency plans."),
    ],
    Profile.DIGITAL: [
        _("Digital strategy, digital communities or hybrid programming."),
        _("Digital tools for project management or evaluation."),
    ],
}

#: The score categories a call starts from: (name, weight, value labels 1..5).
#: Stored in English and shown through the catalogue (``gettext``).
VALUE_LABELS = [
    _("Weak"),
    _("Fair"),
    _("Good"),
    _("Very good"),
    _("Excellent"),
]
DEFAULT_CATEGORIES = [
    (_("Relevance of experience"), "2"),
    (_("Knowledge of European Capitals of Culture"), "1"),
    (_("Languages and international work"), "1"),
]
