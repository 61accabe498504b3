"""The printable period report (PDF, core.pdf: DejaVu Sans, every EU script),
in the reader's language: the filters, then every figure as a table, by
area of the programme."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ecoc_hub.core.metrics import MIN_COUNT
from ecoc_hub.core.pdf import FAMILY, new_document

from .figures import Shown, ShownSection

MARGIN = 56
WIDTH = 595.28 - 2 * MARGIN
VALUE_WIDTH = 80


def _value(shown: Shown, value: float | None) -> str:
    if value is None:
        return "\u2013"
    text = number_format(value, shown.figure.decimals, force_grouping=True)
    return f"{text}\u00a0{shown.figure.unit}" if shown.figure.unit else text


def build_report(sections: list[ShownSection], *, scope: str) -> bytes:
    title = _("Programme report")
    pdf = new_document(title=title, bold=True)
    pdf.add_page()

    def heading(text: str, size: int) -> None:
        pdf.set_font(FAMILY, "B", size)
        pdf.multi_cell(WIDTH, size + 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font(FAMILY, "", 10)

    def para(text: str, size: int = 10) -> None:
        pdf.set_font(FAMILY, "", size)
        pdf.multi_cell(WIDTH, size + 4, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def row(label: str, values: list[str], *, bold: bool = False) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", 9)
        width = min(VALUE_WIDTH, (WIDTH - 120) / max(len(values), 1))
        first = WIDTH - width * len(values)
        if pdf.get_y() > 841.89 - MARGIN - 30:
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(first, 12, label, new_x="RIGHT", new_y="TOP")
        for position, value in enumerate(values):
            pdf.set_xy(MARGIN + first + position * width, y)
            pdf.multi_cell(width, 12, value, align="R", new_x="RIGHT", new_y="TOP")
        pdf.set_xy(MARGIN, pdf.get_y() + 0)
        pdf.set_y(max(pdf.get_y(), y + 12))

    heading(title, 18)
    para(scope, 11)
    para(
        _("Made on %(date)s. Counts of people from 1 to %(max)d are shown as a dash.")
        % {
            "date": date_format(timezone.localdate(), "DATE_FORMAT"),
            "max": MIN_COUNT - 1,
        }
    )
    for block in sections:
        pdf.ln(6)
        heading(str(block.section.heading), 15)
        for shown in block.figures:
            heading(str(shown.indicator.title), 12)
            para(str(shown.indicator.description), 9)
            if shown.figure.is_empty:
                para(_("Nothing in this period."))
                continue
            row(shown.axis, [s.label for s in shown.figure.series], bold=True)
            for i, category in enumerate(shown.figure.categories):
                row(category, [_value(shown, s.values[i]) for s in shown.figure.series])
            pdf.ln(6)
    return bytes(pdf.output())
