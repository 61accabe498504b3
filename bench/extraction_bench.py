"""Extraction benchmark: the library's pipeline against raw pypdfium2 extraction.

    .venv/bin/python bench/extraction_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecoc_extract_bench \\
        .venv/bin/python bench/extraction_bench.py

Generates, reproducibly from --seed, --files real multi-page text PDFs with
the project's PDF builder (src/ecoc_hub/core/pdf.py, fpdf2) from the
generated corpus of bench/corpus.py (six languages, 3 to 300 pages each), then
prints in one run, in pages per second over the same PDFs:

(a) raw pypdfium2 text extraction, in process, single process: open the PDF
    and call ``get_textpage().get_text_range()`` for every page;
(b) the library pipeline, ``tasks.apply_extraction`` on each stored file: the
    extraction in its own CPU/memory/time-limited child process (text of every
    page and a thumbnail of page 1), the FilePage rows and the search indexing
    of the resource, each file in its own transaction as the worker does it;
(c) the ratio (b)/(a) against the target 0.7x.

A breakdown times the parts of (b) alone: the limited child process
(``run_extraction``) and the search indexing (``index_resource``). Timings are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.corpus import Corpus  # noqa: E402

TARGET_RATIO = 0.7
LANGUAGE_CODES = {"en", "fr", "de", "it", "es", "pl"}


def _setup_django(args: argparse.Namespace) -> None:
    # A fresh data directory (and SQLite database) unless one is given,
    # removed at exit.
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = tempfile.mkdtemp(prefix="ecoc-extraction-bench-")
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["ECOC_HUB_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoc_hub.settings")
    os.environ["DEBUG"] = "false"  # no query log in memory
    # Files are extracted explicitly below, as the demo content does; the
    # upload only records the task.
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate_pdfs(*, count: int, seed: int, directory: Path) -> list[dict[str, Any]]:
    """Write ``count`` PDFs into ``directory``; the same seed gives the same files."""
    from ecoc_hub.core.pdf import build_pdf

    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    documents = []
    for number, resource in enumerate(Corpus(scale="XS", seed=seed).resources()):
        if number == count:
            break
        path = directory / f"doc-{number:03d}-{resource.language}.pdf"
        path.write_bytes(build_pdf(resource.pages, title=resource.title))
        documents.append(
            {
                "path": path,
                "title": resource.title,
                "language": resource.language,
                "abstract": resource.abstract,
                "year": rng.randint(2000, 2026),
            }
        )
    return documents


def raw_extraction(paths: list[Path]) -> tuple[float, int]:
    """Seconds to extract every page's text of every file, and the page count."""
    import pypdfium2

    pages = 0
    started = time.perf_counter()
    for path in paths:
        document = pypdfium2.PdfDocument(str(path))
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        document.close()
    return time.perf_counter() - started, pages


def store_files(documents: list[dict[str, Any]]) -> list[Any]:
    """A published resource with one stored PDF per document, its extraction
    still to do, as when a curator publishes an upload before the worker ran."""
    from ecoc_hub.accounts.models import User
    from ecoc_hub.library import services
    from ecoc_hub.library.files import stage_upload
    from ecoc_hub.library.models import Resource
    from ecoc_hub.library.search_index import KIND
    from ecoc_hub.search.services import remove_document

    owner = User.objects.filter(email="bench.extraction@example.org").first()
    if owner is None:
        owner = User.objects.create_user(
            email="bench.extraction@example.org", password=None, display_name="Bench"
        )
    for old in Resource.objects.filter(owner=owner):  # an earlier run's
        remove_document(kind=KIND, object_id=old.pk)
        old.delete()
    files = []
    for document in documents:
        language = document["language"]
        resource = services.create_draft(
            owner=owner,
            title=document["title"],
            values={
                "abstract": document["abstract"],
                "publication_year": document["year"],
                "languages": [language if language in LANGUAGE_CODES else "en"],
                "access": "public",
            },
            creators=[services.CreatorData(name="Bench Author")],
        )
        with document["path"].open("rb") as source:
            staged = stage_upload(source=source, filename=document["path"].name)
        files.append(
            services.add_file(resource=resource, staged=staged, uploaded_by=owner)
        )
        # The platform publishes the bench corpus (no curator involved).
        services.publish_directly(resource=resource, curator=None)
    for file in files:
        file.resource.refresh_from_db()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40, help="PDFs to generate")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="best of N raw runs")
    parser.add_argument("--data-dir", help="default /tmp/ecoc-extraction-bench")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the pipeline pass"
    )
    args = parser.parse_args()
    _setup_django(args)

    from django.db import connection, transaction

    from ecoc_hub.library import tasks
    from ecoc_hub.library.search_index import index_resource

    vendor = connection.vendor
    started = time.perf_counter()
    documents = generate_pdfs(
        count=args.files,
        seed=args.seed,
        directory=Path(os.environ["ECOC_HUB_DATA_DIR"]) / f"pdfs-{args.seed}",
    )
    paths = [document["path"] for document in documents]
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    print(
        f"Generated {len(paths)} PDFs ({megabytes:.1f} MB) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )

    raw_seconds, pages = min(raw_extraction(paths) for _ in range(args.repeat))
    print(f"  raw pypdfium2: {pages} pages in {raw_seconds:.2f} s", flush=True)

    files = store_files(documents)
    # The first extraction of a worker starts its extraction server; a
    # worker pays that once, so it is timed apart.
    warm = time.perf_counter()
    tasks.apply_extraction(files[0])
    warm_up = time.perf_counter() - warm

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    for file in files:
        tasks.apply_extraction(file)
    pipeline_seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
    failed = [f.original_name for f in files if f.extraction_status != "ok"]
    stored_pages = sum(f.page_count or 0 for f in files)
    print(f"  pipeline: {stored_pages} pages in {pipeline_seconds:.2f} s", flush=True)

    started = time.perf_counter()
    for file in files:
        tasks.run_extraction(file.kind, tasks.local_path(file.blob))
    child_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for file in files:
        with transaction.atomic():
            index_resource(file.resource)
    index_seconds = time.perf_counter() - started

    from rich.console import Console
    from rich.table import Table

    console = Console(width=160)
    raw_rate = pages / raw_seconds
    pipeline_rate = pages / pipeline_seconds
    ratio = pipeline_rate / raw_rate
    table = Table(
        title=f"Extraction throughput ({vendor}, {len(paths)} PDFs, {pages} pages, "
        f"seed {args.seed}; target pipeline >= {TARGET_RATIO}x raw)"
    )
    for column in ("measure", "seconds", "pages/s", "x raw", "share of pipeline"):
        table.add_column(column, justify="left" if column == "measure" else "right")

    def row(label: str, seconds: float, share: bool = True) -> None:
        table.add_row(
            label,
            f"{seconds:.2f}",
            f"{pages / seconds:.0f}",
            f"{raw_seconds / seconds:.2f}",
            f"{100 * seconds / pipeline_seconds:.0f} %" if share else "",
        )

    row(f"(a) raw pypdfium2 text, in process (best of {args.repeat})", raw_seconds)
    row("(b) pipeline: apply_extraction (child + rows + index)", pipeline_seconds)
    row("    part: limited child process alone (run_extraction)", child_seconds)
    row("    part: search indexing alone (index_resource)", index_seconds)
    console.print(table)
    console.print(
        f"(c) pipeline / raw = [bold]{ratio:.2f}x[/] against the target "
        f"{TARGET_RATIO}x: [bold]{'met' if ratio >= TARGET_RATIO else 'MISSED'}[/]; "
        f"{len(paths) / pipeline_seconds:.1f} files/s; first extraction of the "
        f"process (starts the extraction server) {warm_up:.2f} s, not counted"
    )
    if failed:
        console.print(f"[red]Extraction did not succeed for: {', '.join(failed)}[/]")
    if profiler is not None:
        import pstats

        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(30)
        stats.print_callees("apply_extraction")


if __name__ == "__main__":
    main()
