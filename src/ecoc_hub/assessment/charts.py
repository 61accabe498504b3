"""The result page's charts (core.charts), built in the reader's language:
a radar of the six criteria and a bar per capacity area, with one series
per assessment shown (this one, and the previous one for progress)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecoc_hub.core.charts import Chart, Series, horizontal_bar_chart, radar_chart

from .enums import HIGHEST
from .profile import Profile


def series_label(profile: Profile) -> str:
    assessment = profile.assessment
    when = assessment.submitted_at or assessment.created_at
    return _("%(stage)s, %(date)s") % {
        "stage": assessment.get_stage_display(),
        "date": date_format(when, "DATE_FORMAT"),
    }


def criteria_chart(profiles: list[Profile]) -> Chart:
    first = profiles[-1]
    return radar_chart(
        title=_("Profile by selection criterion"),
        description=_(
            "The mean level of each of the six selection criteria, on the "
            "scale from 1 (not started) to 5 (embedded and evaluated)."
        ),
        categories=[
            f"{c.criterion.letter}. {c.criterion.display_name}" for c in first.criteria
        ],
        series=[
            Series(series_label(p), [c.score for c in p.criteria]) for p in profiles
        ],
        category_label=_("Criterion"),
        decimals=1,
        maximum=HIGHEST,
    )


def areas_chart(profiles: list[Profile]) -> Chart:
    first = profiles[-1]
    return horizontal_bar_chart(
        title=_("Profile by capacity area"),
        description=_(
            "The mean level of each capacity area, on the scale from 1 (not "
            "started) to 5 (embedded and evaluated)."
        ),
        categories=[a.area.display_name for a in first.areas],
        series=[Series(series_label(p), [a.score for a in p.areas]) for p in profiles],
        category_label=_("Capacity area"),
        decimals=1,
        maximum=HIGHEST,
    )
