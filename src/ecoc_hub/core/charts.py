"""Server-rendered SVG charts that read without JavaScript (decision 0006).

Build a chart in a view with one of the four constructors, with translated
labels, and render it with ``{% load charts %}{% chart chart %}``: a
``<figure>`` holding the SVG (``role="img"``, ``<title>`` and ``<desc>``) and,
after it, the same data as an HTML table with a caption. Numbers are
formatted in the reader's locale when the chart is rendered.

Colours come from the ``--chart-1`` … ``--chart-4`` custom properties of
``hub.css``: four Okabe-Ito colours per colour scheme, each at least 3:1
against ``--bg`` and ``--surface`` (``tests/core/test_charts.py``). Colour is
never the only cue: bars carry their value as text, lines have their own
dash pattern and marker shape, and the legend names every series.

- ``bar_chart``: vertical bars per category (a distribution, a histogram of
  ratings), one bar per series in each group;
- ``horizontal_bar_chart``: the same with long category labels, one row each;
- ``line_chart``: values over time (categories are the points in time);
- ``radar_chart``: one axis per category on a common scale (a profile).
"""

from __future__ import annotations

import hashlib
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

Kind = Literal["bar", "horizontal-bar", "line", "radar"]

MAX_SERIES = 4  # one per colour that passes 3:1 in both schemes
WIDTH = 480
FONT = 14  # in viewBox units; the SVG scales with the column width
DASHES = ["", "6 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "diamond", "triangle"]


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Chart:
    kind: Kind
    title: str
    description: str
    categories: Sequence[str]
    series: Sequence[Series]
    # The header of the first column of the data table ("Rating", "Month").
    category_label: str
    # Decimal places shown for values (counts: 0, averages: 1).
    decimals: int = 0
    # The top of the value axis; the largest value when None.
    maximum: float | None = None
    unit: str = ""
    chart_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError("a chart needs at least one series")
        if len(self.series) > MAX_SERIES:
            raise ValueError(f"at most {MAX_SERIES} series can be told apart")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"series {series.label!r} has {len(series.values)} values "
                    f"for {len(self.categories)} categories"
                )
            if any(v is not None and v < 0 for v in series.values):
                raise ValueError("chart values cannot be negative")
        if self.kind == "radar" and len(self.categories) < 3:
            raise ValueError("a radar chart needs at least three axes")
        if not self.chart_id:
            digest = hashlib.sha256(
                "\x1f".join([self.kind, self.title, *self.categories]).encode()
            ).hexdigest()[:10]
            object.__setattr__(self, "chart_id", f"chart-{digest}")

    @property
    def top(self) -> float:
        if self.maximum is not None:
            return self.maximum
        values = [v for s in self.series for v in s.values if v is not None]
        return max([*values, 0]) or 1

    def format(self, value: float | None) -> str:
        if value is None:
            return "\u2013"
        text = number_format(
            value, decimal_pos=self.decimals, use_l10n=True, force_grouping=True
        )
        return f"{text}\u00a0{self.unit}" if self.unit else text

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The data table: one row per category, one formatted cell per series."""
        return [
            (category, [self.format(s.values[i]) for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    def svg(self) -> SafeString:
        return render_svg(self)


def bar_chart(**kwargs: Any) -> Chart:
    return Chart(kind="bar", **kwargs)


def horizontal_bar_chart(**kwargs: Any) -> Chart:
    return Chart(kind="horizontal-bar", **kwargs)


def line_chart(**kwargs: Any) -> Chart:
    return Chart(kind="line", **kwargs)


def radar_chart(**kwargs: Any) -> Chart:
    return Chart(kind="radar", **kwargs)


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


def _bars(chart: Chart) -> ET.Element:
    top, ticks = chart.top, _ticks(chart.top)
    axis_top = max(ticks[-1], top)
    left, right, plot_top, plot_h = 48, WIDTH - 10, 16, 220
    height = plot_top + plot_h + 40
    svg = _root(
        chart,
        height + (len(chart.series) * (FONT + 8) + 8 if len(chart.series) > 1 else 0),
    )
    bottom = plot_top + plot_h
    _value_grid(
        svg, chart, ticks, axis_top=axis_top, left=left, right=right,
        bottom=bottom, plot_h=plot_h,
    )  # fmt: skip
    group_w = (right - left) / len(chart.categories)
    bar_w = min(48, group_w * 0.8 / len(chart.series))
    bars = _el(svg, "g", class_="chart-bars")
    for i, category in enumerate(chart.categories):
        group_x = left + i * group_w + (group_w - bar_w * len(chart.series)) / 2
        for s, series in enumerate(chart.series):
            value = series.values[i]
            h = (value or 0) / axis_top * plot_h
            x = group_x + s * bar_w
            bar = _el(
                bars,
                "rect",
                x=f"{x:.1f}",
                y=f"{bottom - h:.1f}",
                width=f"{bar_w - 2:.1f}",
                height=f"{h:.1f}",
                class_=f"chart-bar chart-s{s + 1}",
                data_value=value if value is not None else "",
            )
            _el(bar, "title", f"{series.label}, {category}: {chart.format(value)}")
            _el(
                bars,
                "text",
                chart.format(value),
                x=f"{x + (bar_w - 2) / 2:.1f}",
                y=f"{bottom - h - 4:.1f}",
                class_="chart-text chart-value",
                text_anchor="middle",
            )
        limit = max(3, int(group_w / (FONT * 0.6)))
        _el(
            svg,
            "text",
            _short(category, limit),
            x=f"{left + (i + 0.5) * group_w:.1f}",
            y=bottom + FONT + 6,
            class_="chart-text chart-category",
            text_anchor="middle",
        )
    _el(svg, "line", x1=left, y1=bottom, x2=right, y2=bottom, class_="chart-axis")
    _legend(svg, chart, height)
    return svg


def _horizontal_bars(chart: Chart) -> ET.Element:
    top, ticks = chart.top, _ticks(chart.top)
    axis_top = max(ticks[-1], top)
    label_chars = min(22, max(len(c) for c in chart.categories))
    left = 12 + label_chars * FONT * 0.55
    right = WIDTH - 56
    row_h = max(22, 10 + 16 * len(chart.series))
    plot_top = 8
    bottom = plot_top + row_h * len(chart.categories)
    height = bottom + 28
    legend_h = len(chart.series) * (FONT + 8) + 8 if len(chart.series) > 1 else 0
    svg = _root(chart, height + legend_h)
    grid = _el(svg, "g", class_="chart-grid")
    for tick in ticks:
        x = left + tick / axis_top * (right - left)
        _el(
            grid,
            "line",
            x1=f"{x:.1f}",
            y1=plot_top,
            x2=f"{x:.1f}",
            y2=bottom,
            class_="chart-gridline",
        )
        _el(
            grid,
            "text",
            chart.format(tick).split("\u00a0")[0],
            x=f"{x:.1f}",
            y=bottom + FONT + 6,
            class_="chart-text chart-tick",
            text_anchor="middle",
        )
    bar_h = (row_h - 8) / len(chart.series)
    bars = _el(svg, "g", class_="chart-bars")
    for i, category in enumerate(chart.categories):
        row_y = plot_top + i * row_h + 4
        _el(
            svg,
            "text",
            _short(category, label_chars),
            x=f"{left - 6:.1f}",
            y=f"{row_y + (row_h - 8) / 2 + 5:.1f}",
            class_="chart-text chart-category",
            text_anchor="end",
        )
        for s, series in enumerate(chart.series):
            value = series.values[i]
            w = (value or 0) / axis_top * (right - left)
            y = row_y + s * bar_h
            bar = _el(
                bars,
                "rect",
                x=f"{left:.1f}",
                y=f"{y:.1f}",
                width=f"{w:.1f}",
                height=f"{bar_h - 1:.1f}",
                class_=f"chart-bar chart-s{s + 1}",
                data_value=value if value is not None else "",
            )
            _el(bar, "title", f"{series.label}, {category}: {chart.format(value)}")
            _el(
                bars,
                "text",
                chart.format(value),
                x=f"{left + w + 4:.1f}",
                y=f"{y + bar_h / 2 + 4:.1f}",
                class_="chart-text chart-value",
            )
    _el(
        svg,
        "line",
        x1=f"{left:.1f}",
        y1=plot_top,
        x2=f"{left:.1f}",
        y2=bottom,
        class_="chart-axis",
    )
    _legend(svg, chart, height + 4)
    return svg


def _line(chart: Chart) -> ET.Element:
    top, ticks = chart.top, _ticks(chart.top)
    axis_top = max(ticks[-1], top)
    left, right, plot_top, plot_h = 48, WIDTH - 16, 16, 220
    bottom = plot_top + plot_h
    height = bottom + 40
    legend_h = len(chart.series) * (FONT + 8) + 8 if len(chart.series) > 1 else 0
    svg = _root(chart, height + legend_h)
    _value_grid(
        svg, chart, ticks, axis_top=axis_top, left=left, right=right,
        bottom=bottom, plot_h=plot_h,
    )  # fmt: skip
    count = len(chart.categories)
    step = (right - left) / max(1, count - 1)

    def x_of(i: int) -> float:
        return left + i * step if count > 1 else (left + right) / 2

    every = max(1, math.ceil(count / 8))  # at most about eight labels under the axis
    for i, category in enumerate(chart.categories):
        if i % every == 0 or i == count - 1:
            _el(
                svg,
                "text",
                _short(category, 10),
                x=f"{x_of(i):.1f}",
                y=bottom + FONT + 6,
                class_="chart-text chart-category",
                text_anchor="middle",
            )
    for s, series in enumerate(chart.series):
        css = f"chart-s{s + 1}"
        group = _el(svg, "g", class_="chart-series")
        points = [
            (x_of(i), bottom - v / axis_top * plot_h)
            for i, v in enumerate(series.values)
            if v is not None
        ]
        _el(
            group,
            "polyline",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
            class_=f"chart-line {css}",
            stroke_dasharray=DASHES[s] or "none",
        )
        for i, value in enumerate(series.values):
            if value is None:
                continue
            y = bottom - value / axis_top * plot_h
            _marker(group, MARKERS[s], x_of(i), y, f"chart-marker {css}")
            point = group[-1]
            point.set("data-value", str(value))
            _el(
                point,
                "title",
                f"{series.label}, {chart.categories[i]}: {chart.format(value)}",
            )
    _el(svg, "line", x1=left, y1=bottom, x2=right, y2=bottom, class_="chart-axis")
    _legend(svg, chart, height)
    return svg


def _radar(chart: Chart) -> ET.Element:
    axis_top = chart.top
    cx, cy, radius = WIDTH / 2, 200, 120
    height = 400
    legend_h = len(chart.series) * (FONT + 8) + 8 if len(chart.series) > 1 else 0
    svg = _root(chart, height + legend_h)
    count = len(chart.categories)

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / count
        return cx + radius * fraction * math.cos(
            angle
        ), cy + radius * fraction * math.sin(angle)

    grid = _el(svg, "g", class_="chart-grid")
    for tick in _ticks(axis_top)[1:]:
        if tick > axis_top + 1e-9:
            break
        ring = [point(i, tick / axis_top) for i in range(count)]
        _el(
            grid,
            "polygon",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in ring),
            class_="chart-gridline",
        )
        _el(
            grid,
            "text",
            chart.format(tick).split("\u00a0")[0],
            x=f"{cx + 4:.1f}",
            y=f"{cy - radius * tick / axis_top + 12:.1f}",
            class_="chart-text chart-tick",
        )
    for i, category in enumerate(chart.categories):
        x, y = point(i, 1)
        _el(
            grid,
            "line",
            x1=cx,
            y1=cy,
            x2=f"{x:.1f}",
            y2=f"{y:.1f}",
            class_="chart-axis",
        )
        lx, ly = point(i, 1.1)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        lines = _wrap(category, 15)
        line_h = FONT + 2
        if ly < cy - 10:  # above the centre: the last line sits on the rim
            first_y = ly - (len(lines) - 1) * line_h
        elif ly > cy + 10:  # below: the first line hangs from it
            first_y = ly + FONT
        else:
            first_y = ly + 5 - (len(lines) - 1) * line_h / 2
        label = _el(
            svg,
            "text",
            None,
            x=f"{lx:.1f}",
            y=f"{first_y:.1f}",
            class_="chart-text chart-category",
            text_anchor=anchor,
        )
        for n, line in enumerate(lines):
            _el(
                label, "tspan", line, x=f"{lx:.1f}", dy="0" if n == 0 else f"{FONT + 2}"
            )
    for s, series in enumerate(chart.series):
        css = f"chart-s{s + 1}"
        group = _el(svg, "g", class_="chart-series")
        shape = [point(i, (v or 0) / axis_top) for i, v in enumerate(series.values)]
        _el(
            group,
            "polygon",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in shape),
            class_=f"chart-area {css}",
            stroke_dasharray=DASHES[s] or "none",
        )
        for i, value in enumerate(series.values):
            x, y = shape[i]
            _marker(group, MARKERS[s], x, y, f"chart-marker {css}")
            marker = group[-1]
            marker.set("data-value", "" if value is None else str(value))
            _el(
                marker,
                "title",
                f"{series.label}, {chart.categories[i]}: {chart.format(value)}",
            )
    _legend(svg, chart, height)
    return svg


_RENDERERS = {
    "bar": _bars,
    "horizontal-bar": _horizontal_bars,
    "line": _line,
    "radar": _radar,
}


def render_svg(chart: Chart) -> SafeString:
    svg = _RENDERERS[chart.kind](chart)
    # ElementTree escapes every text and attribute, so the labels are safe.
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308


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
