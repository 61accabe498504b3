"""Keyboard use of the layout: the skip link and a visible focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: el.textContent.trim(),
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          shadow: style.boxShadow};
}"""


def test_first_tab_shows_the_skip_link_and_enter_moves_to_the_main_content(
    page: Page,
):
    page.goto("/cities/")

    page.keyboard.press("Tab")

    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert box["width"] > 20 and box["height"] > 10, box
    assert box["y"] >= 0 and box["x"] >= 0, box
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focused_control_in_the_header_shows_a_focus_indicator(
    page: Page, scheme: str
):
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    seen = []

    for _ in range(8):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.append(focus)
        has_outline = focus["outline"] != "none" and focus["outlineWidth"] > 0
        assert has_outline or focus["shadow"] != "none", (
            f"no visible focus on <{focus['tag']}> {focus['text']!r} in {scheme} mode"
        )

    assert [f["tag"] for f in seen][:2] == ["a", "a"]
