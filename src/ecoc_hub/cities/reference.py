"""Load the reference data shipped in ``cities/data`` (titles, criteria, areas).

Idempotent: rows are matched by their natural keys and updated in place, so
it runs from a data migration on first start and again after an upgrade that
ships corrected data.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecoc_hub.core.startup import Start

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps: Any = None) -> dict[str, int]:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    criterion_model = apps.get_model("cities", "Criterion")
    area_model = apps.get_model("cities", "CapacityArea")
    city_model = apps.get_model("cities", "City")
    title_model = apps.get_model("cities", "Title")

    criteria = {}
    for row in read_csv("criteria.csv"):
        criterion, _ = criterion_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "letter": row["letter"],
                "name": row["name"],
                "description": row["description"],
            },
        )
        criteria[row["code"]] = criterion
    areas = read_csv("capacity_areas.csv")
    for position, row in enumerate(areas):
        area_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "criterion": criteria[row["criterion"]],
                "position": position,
            },
        )
    titles = read_csv("ecoc_titles.csv")
    for row in titles:
        city, _ = city_model.objects.update_or_create(
            name=row["city"],
            country_code=row["country_code"],
            defaults={
                "country": row["country"],
                "slug": slugify(f"{row['city']}-{row['country_code']}"),
            },
        )
        title_model.objects.update_or_create(
            year=int(row["year"]),
            city=city,
            defaults={"status": row["status"], "note": row["note"]},
        )
    return {
        "criteria": len(criteria),
        "capacity_areas": len(areas),
        "titles": len(titles),
    }


def ensure_reference_data() -> bool:
    """Load the reference data when it is missing (a restored or emptied database).

    The data migration loads it on the first ``migrate``; this covers a
    database whose tables exist but are empty. Returns whether it loaded.
    """
    from .models import Criterion, Title

    if Criterion.objects.exists() and Title.objects.exists():
        return False
    load_reference_data()
    return True


def reference_data_hook(start: Start) -> str | None:
    """``ecoc-hub serve`` loads the directory when it is missing (core.startup)."""
    if ensure_reference_data():
        return _("The ECoC directory and criteria were loaded.")
    return None


def reference_strings_source() -> str:
    """The source of reference_strings.py, generated from the CSV files.

    Regenerate after changing the data: ``python -m ecoc_hub.cities.reference``
    (a test fails while the file is out of date).
    """
    lines = [
        "# ruff: noqa: E501",
        '"""Translatable strings of the reference data, for makemessages.',
        "",
        "Generated from cities/data/*.csv by ``python -m ecoc_hub.cities.reference``;",
        "do not edit by hand. The database keeps the English text; the models'",
        "display_* properties look it up in the catalogue.",
        '"""',
        "",
        "from django.utils.translation import gettext_noop",
        "",
        "STRINGS = [",
    ]
    seen: set[str] = set()

    def add(comment: str, text: str) -> None:
        if text and text not in seen:
            seen.add(text)
            lines.append(f"    # {comment}")
            quoted = json.dumps(text, ensure_ascii=False)
            line = f"    gettext_noop({quoted}),"
            if len(line) <= 88:
                lines.append(line)
            else:  # the shape ruff format gives a call too long for one line
                lines.extend(["    gettext_noop(", f"        {quoted}", "    ),"])

    for row in read_csv("criteria.csv"):
        add(f"Translators: name of selection criterion {row['letter']}", row["name"])
        add(
            f"Translators: description of criterion {row['letter']}", row["description"]
        )
    for row in read_csv("capacity_areas.csv"):
        add(f"Translators: name of capacity area {row['code']}", row["name"])
        add(
            f"Translators: description of capacity area {row['code']}",
            row["description"],
        )
    for row in read_csv("ecoc_titles.csv"):
        add(f"Translators: note on {row['city']} {row['year']}", row["note"])
    lines.append("]")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (Path(__file__).resolve().parent / "reference_strings.py").write_text(
        reference_strings_source(), encoding="utf-8"
    )
