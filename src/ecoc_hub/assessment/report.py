"""The PDF report for the team's board (core.pdf: DejaVu Sans, every EU
script), in the reader's language: the scores by criterion and by area,
the progress since the previous assessment, and the recommendations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ecoc_hub.core.pdf import FAMILY, new_document

WIDTH = 595.28 - 2 * 56


def _score(value: float | None) -> str:
    return "\u2013" if value is None else number_format(value, 1)


def build_report(context: dict[str, Any]) -> bytes:
    assessment = context["assessment"]
    profile = context["profile"]
    title = _("Capacity self-assessment: %(team)s") % {
        "team": assessment.organisation.name
    }
    pdf = new_document(title=title, bold=True)
    pdf.add_page()

    def heading(text: str, size: int = 14) -> None:
        pdf.set_font(FAMILY, "B", size)
        pdf.multi_cell(WIDTH, size + 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FAMILY, "", 11)

    def para(text: str) -> None:
        pdf.multi_cell(WIDTH, 15, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    def row(label: str, *values: str, bold: bool = False) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", 10)
        first = WIDTH - 70 * len(values)
        y = pdf.get_y()
        pdf.multi_cell(first, 14, label, new_x="RIGHT", new_y="TOP")
        height = pdf.get_y() - y
        for value in values:
            pdf.set_xy(pdf.get_x(), y)
            pdf.cell(70, 14, value, align="R")
        pdf.set_xy(56, max(pdf.get_y(), y + max(height, 14)))
        pdf.set_font(FAMILY, "", 11)

    heading(title, 18)
    when = assessment.submitted_at or assessment.created_at
    para(
        _(
            "Stage of the cycle: %(stage)s. Submitted: %(date)s. "
            "Framework version %(version)d."
        )
        % {
            "stage": assessment.get_stage_display(),
            "date": date_format(when, "DATE_FORMAT")
            if assessment.submitted_at
            else _("not yet"),
            "version": assessment.version.number,
        }
    )
    para(_("Levels run from 1 (not started) to 5 (embedded and evaluated)."))
    previous = context["previous"]
    heading(_("Profile by selection criterion"))
    row(_("Criterion"), _("Level"), bold=True)
    for criterion in profile.criteria:
        row(
            f"{criterion.criterion.letter}. {criterion.criterion.display_name}",
            _score(criterion.score),
        )
    pdf.ln(8)
    heading(_("Capacity areas, the weakest first"))
    if previous is not None:
        row(_("Capacity area"), _("Before"), _("Now"), bold=True)
        before = {r["area"].area.code: r["before"] for r in context["progress"]}
        for area in profile.weakest():
            row(
                area.area.display_name,
                _score(before.get(area.area.code)),
                _score(area.score),
            )
    else:
        row(_("Capacity area"), _("Level"), bold=True)
        for area in profile.weakest():
            row(area.area.display_name, _score(area.score))
    pdf.ln(8)
    heading(_("Recommendations"))
    if not context["recommendations"]:
        para(_("No area scored 3 or lower: there is no weak area to recommend for."))
    for group in context["recommendations"]:
        pdf.set_font(FAMILY, "B", 12)
        para(
            _("%(area)s (level %(score)s)")
            % {"area": group.area.area.display_name, "score": _score(group.area.score)}
        )
        pdf.set_font(FAMILY, "", 11)
        if not group.items:
            para(_("The hub holds nothing on this area yet."))
        for item in group.items:
            para(f"• {item.offer.title}: {item.offer.reason}")
            pdf.set_font(FAMILY, "", 9)
            para(settings.SITE_URL + item.offer.url)
            pdf.set_font(FAMILY, "", 11)
    return bytes(pdf.output())
