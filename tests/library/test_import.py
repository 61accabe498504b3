from __future__ import annotations

import csv
import io
import signal

import pytest
from django.core.management import CommandError, call_command

from ecoc_hub.library import samples
from ecoc_hub.library.importer import COLUMNS, parse_row
from ecoc_hub.library.models import Blob, Resource


def write_manifest(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in COLUMNS})


def row(identifier: str, **values: str) -> dict[str, str]:
    return {
        "identifier": identifier,
        "title": f"Report {identifier}",
        "abstract": "An abstract.",
        "creators": "Oulu 2026 (organisation); Anna Virtanen",
        "type": "evaluation",
        "year": "2024",
        "languages": "en; fi",
        "capacity_areas": "monitoring-evaluation; legacy",
        "cities": "Oulu 2026",
        "countries": "FI",
        "licence": "CC BY 4.0",
        "access": "public",
        "files": f"{identifier}.pdf",
        "doi": "10.1234/oulu.2026",
        "isbn": "",
        "url": "https://example.org/report",
        **values,
    }


@pytest.fixture
def files_dir(tmp_path):
    directory = tmp_path / "files"
    directory.mkdir()
    for name in ["a", "b", "c"]:
        (directory / f"{name}.pdf").write_bytes(
            samples.build_pdf([f"Text of {name} with unusualword{name}"])
        )
    (directory / "fake.pdf").write_bytes(samples.docx_bytes(["not a pdf"]))
    return directory


def run(manifest, files_dir, *extra):
    out = io.StringIO()
    try:
        call_command(
            "import-library",
            str(manifest),
            "--files",
            str(files_dir),
            *extra,
            stdout=out,
        )
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_dry_run_validates_without_writing(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    write_manifest(manifest, [row("a"), row("b")])

    output, error = run(manifest, files_dir, "--dry-run")

    assert error is None
    assert output.strip().endswith("Dry run, nothing written: 2 valid.")
    assert Resource.objects.count() == 0
    assert Blob.objects.count() == 0


def test_import_creates_published_records_with_all_metadata(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    write_manifest(manifest, [row("a")])

    output, error = run(manifest, files_dir)

    resource = Resource.objects.get(identifier="a")
    assert error is None
    assert output.strip().endswith("1 created.")
    assert resource.state == "published"
    assert [(c.name, c.kind) for c in resource.creators.all()] == [
        ("Oulu 2026", "organisation"),
        ("Anna Virtanen", "person"),
    ]
    assert sorted(a.code for a in resource.capacity_areas.all()) == [
        "legacy",
        "monitoring-evaluation",
    ]
    assert [str(t) for t in resource.titles.all()] == ["Oulu 2026"]
    assert (resource.licence, resource.languages, resource.doi) == (
        "cc-by-4.0",
        ["en", "fi"],
        "10.1234/oulu.2026",
    )
    assert resource.files.get().pages.get().text == "Text of a with unusualworda"


def test_rerun_updates_instead_of_duplicating(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    write_manifest(manifest, [row("a"), row("b")])
    run(manifest, files_dir)
    (files_dir / "a.pdf").write_bytes(samples.build_pdf(["A second edition"]))
    write_manifest(manifest, [row("a"), row("b", title="Better title")])

    output, error = run(manifest, files_dir)

    assert error is None
    assert output.strip().endswith("2 updated.")
    assert Resource.objects.count() == 2
    assert Resource.objects.get(identifier="b").title == "Better title"
    a = Resource.objects.get(identifier="a")
    assert list(a.files.values_list("version", "is_current")) == [(2, True), (1, False)]


def test_rerun_of_the_same_manifest_changes_nothing(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    write_manifest(manifest, [row("a")])
    run(manifest, files_dir)

    output, error = run(manifest, files_dir)

    assert error is None
    assert output.strip().endswith("1 unchanged.")
    assert Resource.objects.get().versions.count() == 1


def test_failed_rows_are_reported_and_others_still_imported(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    write_manifest(
        manifest,
        [
            row("a"),
            row("b", languages="english", year="20xx"),
            row("c", files="fake.pdf"),
            row("d", files="missing.pdf", cities="Atlantis 2030"),
            row("e", files="../outside.pdf"),
        ],
    )

    output, error = run(manifest, files_dir)

    assert error == "4 of 5 rows failed."
    assert sorted(Resource.objects.values_list("identifier", flat=True)) == ["a"]
    report = " ".join(output.split())
    assert "year: '20xx' is not a year between 1900 and 2100" in report
    assert "languages: Unknown language codes: english." in report
    assert "named as PDF but its content is DOCX" in report
    assert "files: 'missing.pdf' not found" in report
    assert "no European Capital of Culture 'Atlantis 2030'" in report
    assert "files: '../outside.pdf' is outside the files directory" in report
    assert output.strip().endswith("1 created, 4 failed.")


def test_manifest_without_required_columns_is_refused(tmp_path, files_dir, db):
    manifest = tmp_path / "m.csv"
    manifest.write_text("identifier,title\nx,y\n")

    _output, error = run(manifest, files_dir)

    assert error == (
        "The manifest lacks the columns: creators, type, year, languages, files"
    )


def test_a_city_label_of_many_blanks_is_read_in_linear_time(files_dir, db):
    # "Mons" + 100,000 blanks + "x": the pattern that once split a label into
    # city and year backtracked for minutes over it. A generous alarm turns
    # such a hang into a failure (the regular expression engine checks for
    # signals while it matches).
    label = "Mons" + " " * 100_000 + "x"

    def hang(signum, frame):
        raise TimeoutError("parse_row did not finish within 20 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        parsed, errors = parse_row(row("a", cities=f"{label}; Oulu 2026"), files_dir)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert parsed is None
    assert errors == [f"cities: no European Capital of Culture {label!r}"]
