"""The colour pairs of hub.css keep WCAG AA contrast in both colour schemes."""

import re
from pathlib import Path

import pytest

from ecoc_hub import settings

CSS = (Path(settings.PACKAGE_DIR) / "core/static/core/css/hub.css").read_text()

TEXT_PAIRS = [  # foreground, background: 4.5:1 for text
    ("text", "bg"),
    ("text", "surface"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("primary", "bg"),
    ("primary", "surface"),
    ("primary-contrast", "primary"),
    ("danger", "bg"),
    ("danger", "surface"),
    ("bg", "danger"),  # a destructive button under the pointer
    ("success", "bg"),
    ("success", "surface"),
    ("accent", "bg"),
    ("accent", "surface"),
    ("warning-text", "warning-bg"),
]
UI_PAIRS = [  # borders and the focus ring: 3:1 (WCAG 1.4.11)
    ("border", "bg"),
    ("border", "surface"),
    ("focus", "bg"),
    ("focus", "surface"),
]


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", block))


def _blocks() -> tuple[dict[str, str], dict[str, str]]:
    """The variables of :root and of :root inside the dark-scheme media query."""
    light_start = CSS.index(":root {")
    light = _variables(CSS[light_start : CSS.index("}", light_start)])
    dark_start = CSS.index(":root {", CSS.index("@media (prefers-color-scheme: dark)"))
    dark = _variables(CSS[dark_start : CSS.index("}", dark_start)])
    return light, dark


def _schemes() -> dict[str, dict[str, str]]:
    light, dark = _blocks()
    return {"light": light, "dark": {**light, **dark}}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _ratio(first: str, second: str) -> float:
    high, low = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_both_schemes_define_every_colour():
    light, dark = _blocks()

    needed = {name for pair in TEXT_PAIRS + UI_PAIRS for name in pair}
    assert needed - set(light) == set()
    assert needed - set(dark) == set()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_have_at_least_4_5_to_1_contrast(scheme):
    colours = _schemes()[scheme]

    too_low = [
        (fg, bg, round(_ratio(colours[fg], colours[bg]), 2))
        for fg, bg in TEXT_PAIRS
        if _ratio(colours[fg], colours[bg]) < 4.5
    ]

    assert too_low == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_borders_and_focus_ring_have_at_least_3_to_1_contrast(scheme):
    colours = _schemes()[scheme]

    too_low = [
        (fg, bg, round(_ratio(colours[fg], colours[bg]), 2))
        for fg, bg in UI_PAIRS
        if _ratio(colours[fg], colours[bg]) < 3
    ]

    assert too_low == []
