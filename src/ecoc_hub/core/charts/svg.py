"""The SVG pieces every kind of chart draws with: elements, ticks, labels,
markers, the legend, the grid."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chart import Chart


WIDTH = 480
FONT = 14  # in viewBox units; the SVG scales with the column width
DASHES = ["", "6 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "diamond", "triangle"]


def _ticks(top: float) -> list[float]:
    """About five round steps from 0 to top (1, 2, 2.5 or 5 times a power of ten)."""
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(step * i, 10) for i in range(count + 1)]


def _el(
    parent: ET.Element, tag: str, text: str | None = None, **attrs: object
) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = text
    return element


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _wrap(label: str, width: int) -> list[str]:
    """At most two lines of about ``width`` characters, the rest shortened."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [_short(line, width + 2) for line in lines]


def _marker(parent: ET.Element, shape: str, x: float, y: float, css: str) -> None:
    r = 4.5
    if shape == "circle":
        _el(parent, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=r, class_=css)
    elif shape == "square":
        _el(
            parent,
            "rect",
            x=f"{x - r:.1f}",
            y=f"{y - r:.1f}",
            width=2 * r,
            height=2 * r,
            class_=css,
        )
    else:
        points = (
            [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
            if shape == "diamond"
            else [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
        )
        _el(
            parent,
            "polygon",
            points=" ".join(f"{a:.1f},{b:.1f}" for a, b in points),
            class_=css,
        )


def _legend(svg: ET.Element, chart: Chart, y: float) -> float:
    """One row per series under the plot; returns the height used."""
    if len(chart.series) < 2:
        return 0
    legend = _el(svg, "g", class_="chart-legend")
    for index, series in enumerate(chart.series):
        row_y = y + index * (FONT + 8)
        css = f"chart-s{index + 1}"
        if chart.kind in ("line", "radar"):
            _el(
                legend,
                "line",
                x1=10,
                y1=row_y,
                x2=40,
                y2=row_y,
                class_=f"chart-line {css}",
                stroke_dasharray=DASHES[index] or "none",
            )
            _marker(legend, MARKERS[index], 25, row_y, f"chart-marker {css}")
        else:
            _el(
                legend,
                "rect",
                x=10,
                y=row_y - 7,
                width=24,
                height=14,
                class_=f"chart-bar {css}",
            )
        _el(legend, "text", series.label, x=48, y=row_y + 5, class_="chart-text")
    return len(chart.series) * (FONT + 8) + 8


def _root(chart: Chart, height: float) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height:.0f}",
            "class": f"chart-svg chart-{chart.kind}",
            "role": "img",
            "aria-labelledby": f"{chart.chart_id}-title {chart.chart_id}-desc",
        },
    )
    _el(svg, "title", chart.title, id=f"{chart.chart_id}-title")
    _el(svg, "desc", chart.description, id=f"{chart.chart_id}-desc")
    return svg


def _value_grid(
    svg: Any,
    chart: Any,
    ticks: Any,
    *,
    axis_top: float,
    left: float,
    right: float,
    bottom: float,
    plot_h: float,
) -> None:
    """The horizontal grid lines and their value labels of a bar or line chart."""
    grid = _el(svg, "g", class_="chart-grid")
    for tick in ticks:
        y = bottom - tick / axis_top * plot_h
        _el(
            grid,
            "line",
            x1=left,
            y1=f"{y:.1f}",
            x2=right,
            y2=f"{y:.1f}",
            class_="chart-gridline",
        )
        _el(
            grid,
            "text",
            chart.format(tick).split("\u00a0")[0],
            x=left - 6,
            y=f"{y + 5:.1f}",
            class_="chart-text chart-tick",
            text_anchor="end",
        )
