"""PDF documents made with fpdf2 and the vendored DejaVu Sans (decision 0007).

``new_document()`` gives an ``FPDF`` with the fonts registered under the
family name ``FAMILY`` (regular and bold), which cover the Latin, Greek and
Cyrillic scripts of every EU language (Timișoara, České Budějovice,
Θεσσαλονίκη, Пловдив). The font files and their licence are in
``core/fonts/dejavu/``; fpdf2 embeds only the glyphs a document uses.

``build_pdf(pages, title=...)`` writes a multi-page text document (one page
per string; a long string flows onto further pages): the demo content, the
tests and the benchmarks use it for real, searchable PDFs.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts" / "dejavu"
FAMILY = "DejaVuSans"
PRODUCER = "ECoC Hub"

# fontTools reports every glyph it keeps when fpdf2 subsets a font.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@cache
def _font_files() -> dict[str, Path]:
    return {
        "": FONT_DIR / "DejaVuSans.ttf",
        "B": FONT_DIR / "DejaVuSans-Bold.ttf",
    }


def new_document(
    *, title: str = "", orientation: str = "portrait", bold: bool = False
) -> FPDF:
    """An A4 document with the vendored font (and its bold face when
    ``bold``: loading a face costs about 0.1 s), metadata set, no page yet."""
    pdf = FPDF(orientation=orientation, unit="pt", format="A4")
    for style, path in _font_files().items():
        if style == "" or bold:
            pdf.add_font(FAMILY, style=style, fname=str(path))
    pdf.set_font(FAMILY, size=11)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    if title:
        pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=56)
    pdf.set_margins(56, 56, 56)
    return pdf


PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 56
FONT_SIZE = 11
LEADING = 15


def _wrap(pdf: FPDF, paragraph: str, width: float) -> list[str]:
    """Greedy word wrap; a line is measured only when it may be too long
    (fpdf2's own ``multi_cell`` measures every character and is 5x slower)."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) > 60 and pdf.get_string_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def build_pdf(pages: list[str], *, title: str = "", compress: bool = True) -> bytes:
    """One PDF page per string (long strings flow onto further pages)."""
    pdf = new_document(title=title)
    pdf.set_compression(compress)
    pdf.set_auto_page_break(auto=False)
    width = PAGE_WIDTH - 2 * MARGIN
    bottom = PAGE_HEIGHT - MARGIN
    for index, text in enumerate(pages or [""]):
        pdf.add_page()
        y = MARGIN + FONT_SIZE
        if index == 0 and title:
            pdf.set_font(FAMILY, size=16)
            pdf.text(MARGIN, y + 4, title)
            y += 2 * LEADING
        pdf.set_font(FAMILY, size=FONT_SIZE)
        # Control characters have no glyph; a space keeps the words apart.
        clean = "".join(" " if ord(c) < 32 and c != "\n" else c for c in text)
        for paragraph in clean.split("\n"):
            for line in _wrap(pdf, paragraph, width):
                if y > bottom:
                    pdf.add_page()
                    y = MARGIN + FONT_SIZE
                if line:
                    pdf.text(MARGIN, y, line)
                y += LEADING
    return bytes(pdf.output())
