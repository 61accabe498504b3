"""Print line and branch coverage per app from a coverage data file.

scripts/test runs the suite with ``--cov=ecoc_hub --cov-branch`` on each
database and then this, so every run shows where the tests are thin:

    .venv/bin/python scripts/coverage_by_app.py [.coverage]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import coverage


def by_app(data_file: str) -> dict[str, list[int]]:
    cov = coverage.Coverage(data_file=data_file)
    cov.load()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "coverage.json"
        cov.json_report(outfile=str(out), omit=["*/migrations/*"])
        report = json.loads(out.read_text())
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for name, entry in report["files"].items():
        parts = Path(name).parts
        if "ecoc_hub" not in parts:
            continue
        rest = parts[parts.index("ecoc_hub") + 1 :]
        app = rest[0] if len(rest) > 1 else "(project)"
        summary = entry["summary"]
        row = totals[app]
        row[0] += summary["covered_lines"]
        row[1] += summary["num_statements"]
        row[2] += summary.get("covered_branches", 0)
        row[3] += summary.get("num_branches", 0)
    return dict(sorted(totals.items()))


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    -  "


def main() -> None:
    data_file = sys.argv[1] if len(sys.argv) > 1 else ".coverage"
    rows = by_app(data_file)
    print(f"{'app':<14} {'lines':>8} {'of':>6} {'branches':>9} {'of':>6}")
    total = [0, 0, 0, 0]
    for app, (lines, statements, branches, all_branches) in rows.items():
        total = [
            a + b
            for a, b in zip(
                total, [lines, statements, branches, all_branches], strict=True
            )
        ]
        print(
            f"{app:<14} {_percent(lines, statements):>8} {statements:>6} "
            f"{_percent(branches, all_branches):>9} {all_branches:>6}"
        )
    print(
        f"{'total':<14} {_percent(total[0], total[1]):>8} {total[1]:>6} "
        f"{_percent(total[2], total[3]):>9} {total[3]:>6}"
    )


if __name__ == "__main__":
    main()
