"""``{% chart chart %}``: an SVG chart and its data table (``core/charts.py``)."""

from __future__ import annotations

from typing import Any

from django import template

from ecoc_hub.core.charts import Chart

register = template.Library()


@register.inclusion_tag("core/charts/chart.html")
def chart(chart: Chart) -> dict[str, Any]:
    """Render ``chart``; the SVG is built now, in the reader's language."""
    return {"chart": chart, "svg": chart.svg(), "rows": chart.rows}
