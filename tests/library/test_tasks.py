from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ecoc_hub.library import extract, samples, services
from ecoc_hub.library.files import local_path, storage_name_for
from ecoc_hub.library.models import Blob, ResourceFile
from ecoc_hub.library.tasks import ExtractionFailed, apply_extraction, run_extraction

from .conftest import stage


@pytest.fixture
def draft(member):
    return services.create_draft(
        owner=member, title="Draft", values={"languages": ["en"]}
    )


def add(draft, member, data, name):
    return services.add_file(
        resource=draft, staged=stage(data, name), uploaded_by=member
    )


def page_texts(file):
    return list(file.pages.values_list("number", "text"))


def test_pdf_text_is_extracted_per_page_with_a_thumbnail(draft, member):
    file = add(
        draft, member, samples.build_pdf(["Erste Seite", "Zweite Seite"]), "a.pdf"
    )

    assert file.extraction_status == "ok"
    assert page_texts(file) == [(1, "Erste Seite"), (2, "Zweite Seite")]
    assert file.page_count == 2
    assert file.thumbnail.media_type == "image/png"
    assert default_storage.open(file.thumbnail.storage_name).read(8) == (
        b"\x89PNG\r\n\x1a\n"
    )


def test_polish_letters_survive_the_pdf_round_trip(draft, member):
    file = add(
        draft, member, samples.build_pdf(["Łódź, wolontariuszy, źródło"]), "a.pdf"
    )

    assert page_texts(file) == [(1, "Łódź, wolontariuszy, źródło")]


def test_docx_text_is_extracted(draft, member):
    file = add(
        draft, member, samples.docx_bytes(["Erster Absatz", "Zweiter"]), "a.docx"
    )

    assert page_texts(file) == [(1, "Erster Absatz\nZweiter")]


def test_pptx_text_is_extracted_per_slide(draft, member):
    data = samples.pptx_bytes([("One", "first body"), ("Two", "second body")])

    file = add(draft, member, data, "a.pptx")

    assert page_texts(file) == [(1, "One\nfirst body"), (2, "Two\nsecond body")]


def test_odt_text_is_extracted(draft, member):
    file = add(draft, member, samples.odt_bytes(["Bonjour", "le monde"]), "a.odt")

    assert page_texts(file) == [(1, "Bonjour\nle monde")]


def test_xlsx_cell_text_is_extracted(draft, member):
    file = add(draft, member, samples.xlsx_bytes(["Budget", "Besucher"]), "a.xlsx")

    assert page_texts(file) == [(1, "Budget\nBesucher")]


def test_html_is_stripped_of_tags_and_scripts(draft, member):
    html = b"<html><script>alert(1)</script><p>Caf&eacute; <b>culture</b></p></html>"

    file = add(draft, member, html, "a.html")

    assert page_texts(file) == [(1, "Café culture")]


def test_html_block_elements_end_lines_and_hidden_content_is_dropped(draft, member):
    html = (
        b"<html><head><title>Not shown</title><style>p{}</style></head><body>"
        b"<h1>Heading</h1><p>One<br>two</p><!-- a comment --><template>t</template>"
        b"<noscript>n</noscript><ul><li>first</li><li>second</li></ul>"
        b"<p>   spaced\t\tout   </p></body></html>"
    )

    file = add(draft, member, html, "a.html")

    assert page_texts(file) == [(1, "Heading\nOne\ntwo\nfirst\nsecond\n\nspaced out")]


def test_hostile_html_is_read_in_linear_time(draft, member, settings):
    # 1.4 MB of unclosed <script tags: the regular expression that once
    # stripped scripts rescanned the rest of the text from each of them and
    # ran for minutes. With a 10 s processor-time limit, extraction must
    # still finish and find the text.
    settings.ECOC_HUB_EXTRACTION_TIMEOUT = 10
    html = b"<p>Readable words</p>" + b"<script" * 200_000

    file = add(draft, member, html, "hostile.html")

    assert file.extraction_status == "ok"
    assert page_texts(file) == [(1, "Readable words")]


def test_whitespace_is_normalised_in_linear_time():
    text = "a" + "\n \t" * 300_000 + "b\n\n\n c   d \n"

    assert extract.normalise_whitespace(text) == "a\n\nb\n\nc d"


def test_captions_are_extracted_per_cue_with_their_start(draft, member):
    data = samples.vtt_bytes([(1.5, 3, "Hello"), (62.25, 64, "Again")])

    file = add(draft, member, data, "a.vtt")

    assert list(file.pages.values_list("number", "text", "start_seconds")) == [
        (1, "Hello", 1.5),
        (2, "Again", 62.25),
    ]


def test_image_gets_a_thumbnail_and_no_text(draft, member):
    file = add(draft, member, samples.png_bytes(width=800, height=400), "a.png")

    assert file.extraction_status == "skipped"
    assert file.thumbnail is not None
    assert page_texts(file) == []


def test_audio_duration_is_read(draft, member):
    file = add(draft, member, samples.mp3_bytes(seconds=4), "a.mp3")

    assert file.extraction_status == "skipped"
    assert round(file.duration_seconds) == 4


def _file_with_raw_content(resource, data: bytes, kind: str) -> ResourceFile:
    """A stored file whose content passed no validation (e.g. from a backup)."""
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    default_storage.save(storage_name_for(sha), ContentFile(data))
    blob = Blob.objects.create(
        sha256=sha,
        size=len(data),
        media_type="application/pdf",
        storage_name=storage_name_for(sha),
    )
    return ResourceFile.objects.create(
        resource=resource, blob=blob, kind=kind, original_name="broken.pdf"
    )


def test_failed_extraction_is_recorded_on_the_file(draft):
    file = _file_with_raw_content(draft, b"%PDF-1.4 garbage", "pdf")

    apply_extraction(file)

    file.refresh_from_db()
    assert file.extraction_status == "failed"
    assert file.extraction_error.startswith("PdfiumError")
    assert file.pages.count() == 0


def test_extraction_runs_under_a_memory_limit(draft, member, settings):
    settings.ECOC_HUB_EXTRACTION_MEMORY_MB = 16
    file = add(draft, member, samples.build_pdf(["text"]), "a.pdf")

    assert file.extraction_status == "failed"
    assert file.extraction_error.startswith("Extraction stopped:")


def many_pages_pdf(count: int) -> bytes:
    """A small PDF whose pages all share one content stream: cheap to build,
    seconds of work to extract."""
    text = (
        b"BT /F1 11 Tf 50 780 Td "
        + b"(words to extract on every page) Tj 0 -14 Td " * 50
        + b"ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
        + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * count
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_extraction_runs_under_a_processor_time_limit(draft, member, settings):
    settings.ECOC_HUB_EXTRACTION_TIMEOUT = 1
    file = add(draft, member, many_pages_pdf(5000), "long.pdf")

    assert file.extraction_status == "failed"
    assert file.extraction_error == (
        "Extraction used more than 1 seconds of processor time and was stopped."
    )


def test_extraction_that_waits_is_stopped_by_the_wall_clock(settings, tmp_path):
    settings.ECOC_HUB_EXTRACTION_TIMEOUT = 1
    # Opening a FIFO nobody writes to blocks without using processor time.
    fifo = tmp_path / "never.txt"
    os.mkfifo(fifo)

    with pytest.raises(ExtractionFailed) as failure:
        run_extraction("txt", fifo)

    assert str(failure.value) == (
        "Extraction took longer than 11 seconds and was stopped."
    )


def test_each_extraction_gets_its_own_limits(settings, tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.build_pdf(["text"]))
    settings.ECOC_HUB_EXTRACTION_MEMORY_MB = 16
    with pytest.raises(ExtractionFailed):
        run_extraction("pdf", path)
    settings.ECOC_HUB_EXTRACTION_MEMORY_MB = 1024

    result = run_extraction("pdf", path)

    assert result["pages"] == [{"number": 1, "text": "text"}]


def test_extractor_runs_from_the_command_line_for_debugging(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.build_pdf(["Erste Seite"]))

    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "ecoc_hub.library.extract", "pdf", str(path)],
        capture_output=True,
        check=True,
    )

    assert json.loads(completed.stdout)["pages"] == [
        {"number": 1, "text": "Erste Seite"}
    ]


def test_file_whose_extraction_failed_stays_downloadable(curator_client, draft):
    file = _file_with_raw_content(draft, b"%PDF-1.4 garbage", "pdf")
    apply_extraction(file)

    response = curator_client.get(file.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 garbage"


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


def test_extractor_killed_from_outside_is_tried_once_more(tmp_path):
    # The first child blocks opening a FIFO nobody writes to, and is killed
    # with SIGKILL, as an operator or the system's out-of-memory killer would;
    # the second finds a writer and reads the text.
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    children: list[int] = []

    def write_text() -> None:
        with fifo.open("w") as handle:
            handle.write("Second attempt")

    def started(pid: int) -> None:
        children.append(pid)
        if len(children) == 1:
            _kill(pid)
        else:
            threading.Thread(target=write_text, daemon=True).start()

    result = run_extraction("txt", fifo, on_start=started)

    assert len(children) == 2
    assert result["pages"] == [{"number": 1, "text": "Second attempt"}]


def test_extractor_killed_twice_reports_the_signal_and_usage(settings, tmp_path):
    settings.ECOC_HUB_EXTRACTION_TIMEOUT = 30
    settings.ECOC_HUB_EXTRACTION_MEMORY_MB = 512
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    children: list[int] = []

    def started(pid: int) -> None:
        children.append(pid)
        _kill(pid)

    with pytest.raises(ExtractionFailed) as failure:
        run_extraction("txt", fifo, on_start=started)

    assert len(children) == 2
    assert re.fullmatch(
        r"Extraction stopped: the extractor was killed \(SIGKILL\) after "
        r"\d+\.\d of the 30 seconds of processor time allowed, using up to "
        r"\d+ of the 512 MB of memory allowed, not by one of these limits\. "
        r"It was tried twice\.",
        str(failure.value),
    )


def test_extractor_at_its_processor_time_limit_is_not_tried_again(draft, settings):
    settings.ECOC_HUB_EXTRACTION_TIMEOUT = 1
    children: list[int] = []
    file = _file_with_raw_content(draft, many_pages_pdf(5000), "pdf")

    with pytest.raises(ExtractionFailed) as failure:
        run_extraction("pdf", local_path(file.blob), on_start=children.append)

    assert len(children) == 1
    assert str(failure.value) in {
        "Extraction used more than 1 seconds of processor time and was stopped.",
        # on a machine so busy that 11 s pass before the child had 1 s of CPU
        "Extraction took longer than 11 seconds and was stopped.",
    }
