"""docs/developers.md stays true: its layout names every app, and its new
app's checklist names every step the next apps follow."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ecoc_hub"
DOC = (ROOT / "docs" / "developers.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"\n{title}\n")
    following = re.search(r"\n#{2,3} ", DOC[start + len(title) + 2 :])
    end = start + len(title) + 2 + following.start() if following else len(DOC)
    return DOC[start:end]


def test_the_layout_names_every_app():
    layout = _section("## Layout")
    apps = sorted(
        path.name
        for path in PACKAGE.iterdir()
        if (path / "__init__.py").exists() and path.name != "static"
    )

    assert [app for app in apps if f"\n  {app}/" not in layout] == []


def test_the_new_app_checklist_names_every_step():
    checklist = _section("### A new app's checklist").lower()
    steps = [
        "models",
        "enums.py",
        "services",
        "workflow",
        "permissions",
        "queries",
        "views",
        "api router",
        "search index",
        "related",
        "register_exporter",
        "register_eraser",
        "demo",
        "tests",
    ]

    assert [step for step in steps if step not in checklist] == []


def test_coverage_is_recorded_per_app():
    tests = _section("## Tests")
    rows = re.findall(r"^\| (\w+) \| [\d.]+ % of", tests, flags=re.MULTILINE)

    assert {"accounts", "api", "core", "events", "experts", "library"} <= set(rows)
