"""The dashboard's figures: every registered indicator computed for one set
of filters, ready for the page, the CSV files and the PDF report.

The dashboard imports no app: it reads ``core.metrics``, which each app
fills in its ``AppConfig.ready()``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ecoc_hub.core import charts, metrics
from ecoc_hub.core.metrics import Filters


@dataclass(frozen=True)
class Shown:
    """One indicator's figure as shown: its chart (with the data table)."""

    indicator: metrics.Indicator
    figure: metrics.Figure
    chart: charts.Chart
    #: The heading of the table's first column.
    axis: str

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def anchor(self) -> str:
        return self.indicator.key.replace(".", "-").replace("_", "-")

    def rows(self) -> list[list[object]]:
        return self.figure.rows(category_label=self.axis)


@dataclass(frozen=True)
class ShownSection:
    section: metrics.Section
    figures: list[Shown]

    @property
    def anchor(self) -> str:
        return f"section-{self.section.key}"


def show(indicator: metrics.Indicator, filters: Filters) -> Shown:
    figure = metrics.compute(indicator, filters)
    axis = figure.category_label
    if figure.over_time:
        axis = _("Year") if filters.yearly else _("Month")
    chart = figure.chart(
        title=str(indicator.title),
        description=str(indicator.description),
        category_label=axis,
    )
    return Shown(indicator=indicator, figure=figure, chart=chart, axis=axis)


def all_sections(filters: Filters) -> list[ShownSection]:
    return [
        ShownSection(
            section=section,
            figures=[show(indicator, filters) for indicator in section.indicators],
        )
        for section in metrics.sections()
    ]


def figure_csv(shown: Shown) -> str:
    """One figure as a CSV table: the header, then a row per category."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(shown.rows())
    return buffer.getvalue()


def all_csv(sections: Iterable[ShownSection]) -> str:
    """Every figure in one long table: one row per value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Area"), _("Indicator"), _("Category"), _("Series"), _("Value")])
    for block in sections:
        for shown in block.figures:
            for i, category in enumerate(shown.figure.categories):
                for series in shown.figure.series:
                    value = series.values[i]
                    writer.writerow(
                        [
                            block.section.heading,
                            shown.indicator.title,
                            category,
                            series.label,
                            "" if value is None else value,
                        ]
                    )
    return buffer.getvalue()
