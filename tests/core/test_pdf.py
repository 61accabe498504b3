"""The PDF builder of the demo, the tests and the benchmarks (core/pdf.py)."""

import pypdfium2 as pdfium

from ecoc_hub.core.pdf import build_pdf


def _pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


def test_one_page_per_string_with_the_words_given():
    data = build_pdf(["first page alpha", "second page beta"], title="Report")

    assert _pages(data) == ["Report first page alpha", "second page beta"]
    assert pdfium.PdfDocument(data).get_metadata_dict()["Title"] == "Report"


def test_every_eu_script_comes_back_exactly():
    text = "Timișoara České Budějovice Θεσσαλονίκη Пловдив Łódź Győr Ærøskøbing"

    assert _pages(build_pdf([text])) == [text]


def test_a_long_string_flows_onto_further_pages_without_losing_words():
    words = [f"word{i}" for i in range(1500)]

    pages = _pages(build_pdf([" ".join(words), "last"]))

    assert len(pages) == 5
    assert " ".join(pages[:-1]).split() == words
    assert pages[-1] == "last"


def test_control_characters_become_spaces_and_lines_stay_lines():
    pages = _pages(build_pdf(["one\x00two\nthree"]))

    assert pages == ["one two three"]


def test_uncompressed_output_is_still_valid():
    data = build_pdf(["plain"], compress=False)

    assert data.startswith(b"%PDF-")
    assert _pages(data) == ["plain"]
