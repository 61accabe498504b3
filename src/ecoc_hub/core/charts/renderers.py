"""One SVG renderer per kind of chart."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe

from .svg import (
    DASHES,
    FONT,
    MARKERS,
    WIDTH,
    _el,
    _legend,
    _marker,
    _root,
    _short,
    _ticks,
    _value_grid,
    _wrap,
)

if TYPE_CHECKING:
    from .chart import Chart


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
    # 0.62 em a character: DejaVu Sans at its widest letters (m, M, C)
    # stays inside the left edge.
    left = 12 + label_chars * FONT * 0.62
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

    # At most about eight labels under the axis, evenly spaced back from the
    # last category (the latest month), so that no two labels meet.
    every = max(1, math.ceil(count / 8))
    labelled = set(range(count - 1, -1, -every))
    for i, category in enumerate(chart.categories):
        if i in labelled:
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
