"""The chart helper: SVG that says what it shows, its data table, its colours."""

import itertools
import re

import pytest
from django.template import Context, Template
from django.utils import translation
from lxml import etree, html

from ecoc_hub.core.charts import (
    Series,
    bar_chart,
    horizontal_bar_chart,
    line_chart,
    radar_chart,
)
from tests.core.test_design_system import _ratio, _schemes

SVG = "{http://www.w3.org/2000/svg}"
OKABE_ITO = {
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
    "#000000",
}


def _ratings(description="How many participants gave each rating from 1 to 5."):
    return bar_chart(
        title="Overall rating",
        description=description,
        categories=["1", "2", "3", "4", "5"],
        series=[Series("Answers", [0, 1, 2, 8, 4])],
        category_label="Rating",
    )


def _parse(chart):
    return etree.fromstring(str(chart.svg()).encode())


def test_bar_chart_names_itself_with_title_and_desc():
    svg = _parse(_ratings())

    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title.text == "Overall rating"
    assert desc.text == "How many participants gave each rating from 1 to 5."
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_bar_heights_are_proportional_to_the_values():
    svg = _parse(_ratings())

    bars = svg.findall(f".//{SVG}rect[@data-value]")
    heights = [float(bar.get("height")) for bar in bars]

    assert [bar.get("data-value") for bar in bars] == ["0", "1", "2", "8", "4"]
    assert heights[0] == 0
    assert heights[3] == pytest.approx(2 * heights[4], abs=0.2)
    assert heights[4] == pytest.approx(4 * heights[1], abs=0.2)


def test_every_bar_shows_its_value_as_text():
    svg = _parse(_ratings())

    values = [
        t.text for t in svg.iterfind(f".//{SVG}text") if "chart-value" in t.get("class")
    ]

    assert values == ["0", "1", "2", "8", "4"]


def test_horizontal_bars_widths_follow_the_values_and_label_each_row():
    chart = horizontal_bar_chart(
        title="Attendance per session",
        description="Participants checked in at each session.",
        categories=["Opening", "Audience development in practice", "Closing"],
        series=[Series("Participants", [30, 15, 24])],
        category_label="Session",
    )
    svg = _parse(chart)

    widths = [float(r.get("width")) for r in svg.iterfind(f".//{SVG}rect[@data-value]")]
    labels = [
        t.text
        for t in svg.iterfind(f".//{SVG}text")
        if "chart-category" in t.get("class")
    ]

    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)
    assert labels == ["Opening", "Audience development…", "Closing"]


def test_line_chart_puts_each_point_at_its_value_and_skips_missing_ones():
    chart = line_chart(
        title="Enrolments",
        description="Enrolments per month.",
        categories=["Jan", "Feb", "Mar", "Apr"],
        series=[Series("2025", [10, 20, None, 40]), Series("2026", [5, 5, 5, 5])],
        category_label="Month",
    )
    svg = _parse(chart)

    lines = svg.findall(f".//{SVG}polyline")
    first = [tuple(map(float, p.split(","))) for p in lines[0].get("points").split()]
    bottom = first[0][1] + (first[0][1] - first[1][1])  # 10 above the axis → 0

    assert len(first) == 3
    assert (bottom - first[2][1]) == pytest.approx(4 * (bottom - first[0][1]), abs=0.3)
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    legend = [
        t.text for t in svg.iterfind(f".//{SVG}g[@class='chart-legend']/{SVG}text")
    ]
    assert legend == ["2025", "2026"]


def test_radar_chart_puts_values_on_their_axes():
    chart = radar_chart(
        title="Capacity profile",
        description="Self-assessed maturity per criterion, 1 to 5.",
        categories=[
            "Strategy",
            "Culture",
            "European",
            "Outreach",
            "Management",
            "Capacity",
        ],
        series=[Series("2026", [5, 2.5, 5, 5, 5, 5])],
        category_label="Criterion",
        maximum=5,
        decimals=1,
    )
    svg = _parse(chart)

    polygon = svg.find(f".//{SVG}polygon[@class='chart-area chart-s1']")
    points = [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]
    centre_x = 240
    top_y = points[0][1]
    # The first axis points up: full value at the rim, 120 above the centre at 200.
    assert points[0] == pytest.approx((centre_x, 80), abs=0.2)
    assert top_y == pytest.approx(80, abs=0.2)
    # Half the value on the second axis: half the distance from the centre.
    distance = ((points[1][0] - centre_x) ** 2 + (points[1][1] - 200) ** 2) ** 0.5
    assert distance == pytest.approx(60, abs=0.3)


def test_template_tag_renders_figure_svg_and_data_table():
    rendered = Template("{% load charts %}{% chart chart %}").render(
        Context({"chart": _ratings()})
    )
    page = html.fromstring(rendered)

    assert page.tag == "figure"
    assert page.xpath("string(figcaption)").strip() == "Overall rating"
    assert len(page.xpath(".//*[local-name()='svg']")) == 1
    assert (
        page.xpath("string(.//caption)").strip() == "Data of the chart: Overall rating"
    )
    headers = [th.text_content() for th in page.xpath(".//thead//th")]
    rows = [
        [cell.text_content() for cell in tr.xpath("th|td")]
        for tr in page.xpath(".//tbody/tr")
    ]
    assert headers == ["Rating", "Answers"]
    assert rows == [["1", "0"], ["2", "1"], ["3", "2"], ["4", "8"], ["5", "4"]]
    assert page.xpath(".//tbody/tr/th/@scope") == ["row"] * 5


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "3.5"), ("fr", "3,5"), ("de", "3,5")]
)
def test_numbers_are_formatted_in_the_readers_language(language, expected):
    chart = bar_chart(
        title="Average",
        description="Average rating.",
        categories=["Overall"],
        series=[Series("Average", [3.5])],
        category_label="Question",
        decimals=1,
    )
    with translation.override(language):
        rendered = Template("{% load charts %}{% chart chart %}").render(
            Context({"chart": chart})
        )

    page = html.fromstring(rendered)
    assert page.xpath("string(.//tbody//td)") == expected
    value = page.xpath(".//*[local-name()='text'][contains(@class,'chart-value')]")[0]
    assert value.text == expected


def test_thousands_use_the_locale_separator_in_german():
    chart = bar_chart(
        title="Downloads",
        description="Downloads per year.",
        categories=["2026"],
        series=[Series("Downloads", [12345])],
        category_label="Year",
    )
    with translation.override("de"):
        rows = chart.rows

    assert rows == [("2026", ["12.345"])]


def test_labels_are_escaped():
    chart = _ratings(description="<script>alert(1)</script> & more")

    svg = str(chart.svg())

    assert "<script>" not in svg
    assert _parse(chart).find(f"{SVG}desc").text == "<script>alert(1)</script> & more"


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match="5 categories"):
        bar_chart(
            title="t",
            description="d",
            categories=list("abcde"),
            series=[Series("s", [1, 2])],
            category_label="c",
        )
    with pytest.raises(ValueError, match="at most 4"):
        bar_chart(
            title="t",
            description="d",
            categories=["a"],
            series=[Series(str(i), [1]) for i in range(5)],
            category_label="c",
        )
    with pytest.raises(ValueError, match="negative"):
        bar_chart(
            title="t",
            description="d",
            categories=["a"],
            series=[Series("s", [-1])],
            category_label="c",
        )
    with pytest.raises(ValueError, match="three axes"):
        radar_chart(
            title="t",
            description="d",
            categories=["a", "b"],
            series=[Series("s", [1, 2])],
            category_label="c",
        )


def test_two_series_get_two_colours_and_a_legend():
    chart = bar_chart(
        title="Before and after",
        description="Ratings in two years.",
        categories=["1", "2"],
        series=[Series("2025", [1, 2]), Series("2026", [2, 1])],
        category_label="Rating",
    )
    svg = _parse(chart)

    classes = [r.get("class") for r in svg.iterfind(f".//{SVG}rect[@data-value]")]

    assert classes == [
        "chart-bar chart-s1",
        "chart-bar chart-s2",
        "chart-bar chart-s1",
        "chart-bar chart-s2",
    ]
    assert [
        t.text for t in svg.iterfind(f".//{SVG}g[@class='chart-legend']/{SVG}text")
    ] == ["2025", "2026"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_are_okabe_ito_and_3_to_1_on_both_backgrounds(scheme):
    colours = _schemes()[scheme]
    series = {
        name: colours[name].lower()
        for name in colours
        if re.fullmatch(r"chart-\d", name)
    }

    too_low = [
        (name, bg, round(_ratio(value, colours[bg]), 2))
        for name, value in series.items()
        for bg in ("bg", "surface")
        if _ratio(value, colours[bg]) < 3
    ]

    assert sorted(series) == ["chart-1", "chart-2", "chart-3", "chart-4"]
    assert set(series.values()) <= OKABE_ITO
    assert len(set(series.values())) == 4
    assert too_low == []


@pytest.mark.parametrize("count", [2, 9, 12, 13, 24, 25])
def test_line_chart_labels_stay_apart_and_the_last_month_is_named(count):
    months = [f"M{n:02d}" for n in range(count)]
    chart = line_chart(
        title="Enrolments",
        description="Enrolments per month.",
        categories=months,
        series=[Series("Enrolments", list(range(count)))],
        category_label="Month",
    )
    svg = _parse(chart)

    labels = [
        (float(t.get("x")), t.text)
        for t in svg.iterfind(f".//{SVG}text[@class='chart-text chart-category']")
    ]
    xs = [x for x, _text in labels]
    gaps = [b - a for a, b in itertools.pairwise(xs)]

    assert labels[-1][1] == months[-1]
    assert len(labels) <= 9
    assert len(set(gaps)) <= 1 or max(gaps) - min(gaps) < 0.2  # evenly spaced
