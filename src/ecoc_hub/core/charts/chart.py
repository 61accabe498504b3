"""A chart's data, its formatting, and the four constructors."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.formats import number_format
from django.utils.safestring import SafeString

from .renderers import render_svg

Kind = Literal["bar", "horizontal-bar", "line", "radar"]

MAX_SERIES = 4  # one per colour that passes 3:1 in both schemes


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
