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

The data and its constructors are in ``chart``, the drawing in ``renderers``
(one per kind) on the shared pieces of ``svg`` (axes, legend, markers).
"""

from __future__ import annotations

from .chart import (
    MAX_SERIES,
    Chart,
    Kind,
    Series,
    bar_chart,
    horizontal_bar_chart,
    line_chart,
    radar_chart,
)
from .renderers import render_svg
from .svg import DASHES, FONT, MARKERS, WIDTH

__all__ = [
    "DASHES",
    "FONT",
    "MARKERS",
    "MAX_SERIES",
    "WIDTH",
    "Chart",
    "Kind",
    "Series",
    "bar_chart",
    "horizontal_bar_chart",
    "line_chart",
    "radar_chart",
    "render_svg",
]
