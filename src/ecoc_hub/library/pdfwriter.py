"""A small writer of valid, multi-page text PDFs (Helvetica, WinAnsi encoding).

The demo content and the tests share it, so both work with real PDFs without a
PDF-generating dependency. Characters outside Windows-1252 that Central
European languages need (Polish, Czech…) are mapped through a /Differences
array onto unused codes, so text extraction gives the right Unicode back.
"""

from __future__ import annotations

import re
import zlib

# Extra glyphs from the Adobe standard Latin set, put on the unused codes 1-31.
_EXTRA_GLYPHS = {
    "ą": "aogonek",
    "ć": "cacute",
    "ę": "eogonek",
    "ł": "lslash",
    "ń": "nacute",
    "ś": "sacute",
    "ź": "zacute",
    "ż": "zdotaccent",
    "Ą": "Aogonek",
    "Ć": "Cacute",
    "Ę": "Eogonek",
    "Ł": "Lslash",
    "Ń": "Nacute",
    "Ś": "Sacute",
    "Ź": "Zacute",
    "Ż": "Zdotaccent",
    "č": "ccaron",
    "ř": "rcaron",
    "ě": "ecaron",
    "ů": "uring",
    "Č": "Ccaron",
    "Ř": "Rcaron",
    "ő": "ohungarumlaut",
    "ű": "uhungarumlaut",
}
_EXTRA_CODES = {char: index + 1 for index, char in enumerate(_EXTRA_GLYPHS)}

PAGE_WIDTH = 595  # A4 in points
PAGE_HEIGHT = 842
FONT_SIZE = 11
LEADING = 15
MARGIN = 56
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
WRAP_AT = 88


_TO_CODES = str.maketrans({char: chr(code) for char, code in _EXTRA_CODES.items()})
_CONTROL = re.compile(rb"[\x00-\x1f]")
_CONTROL_TEXT = re.compile("[\x00-\x1f]")


def _encode(text: str) -> bytes:
    text = _CONTROL_TEXT.sub(" ", text)
    return text.translate(_TO_CODES).encode("cp1252", errors="replace")


def _literal(text: str) -> bytes:
    raw = _encode(text)
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    raw = _CONTROL.sub(lambda m: b"\\%03o" % m.group(0)[0], raw)
    return b"(" + raw + b")"


def _wrap(paragraph: str) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in paragraph.split():
        if current and length + 1 + len(word) > WRAP_AT:
            lines.append(" ".join(current))
            current, length = [], 0
        current.append(word)
        length += len(word) + (1 if length else 0)
    if current:
        lines.append(" ".join(current))
    return lines


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap(paragraph) or [""])
    return lines


def _content_stream(lines: list[str], heading: str | None) -> bytes:
    parts = [b"BT"]
    y = PAGE_HEIGHT - MARGIN
    if heading:
        parts.append(b"/F1 16 Tf %d %d Td %s Tj" % (MARGIN, y, _literal(heading)))
        parts.append(b"/F1 %d Tf 0 -%d Td" % (FONT_SIZE, LEADING * 2))
    else:
        parts.append(b"/F1 %d Tf %d %d Td" % (FONT_SIZE, MARGIN, y))
    for line in lines:
        parts.append(_literal(line) + b" Tj 0 -%d Td" % LEADING)
    parts.append(b"ET")
    return b"\n".join(parts)


def build_pdf(pages: list[str], *, title: str = "", compress: bool = True) -> bytes:
    """One PDF page per string (long strings flow onto further pages)."""
    page_lines: list[tuple[list[str], str | None]] = []
    for index, text in enumerate(pages):
        lines = _lines(text)
        heading = title if index == 0 and title else None
        room = LINES_PER_PAGE - (2 if heading else 0)
        while True:
            page_lines.append((lines[:room], heading))
            lines = lines[room:]
            heading = None
            room = LINES_PER_PAGE
            if not lines:
                break

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    differences = b" ".join(b"/" + name.encode() for name in _EXTRA_GLYPHS.values())
    catalog = add(b"")  # filled in below, once the pages object number is known
    pages_obj = add(b"")
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
        b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 "
        + differences
        + b"] >> >>"
    )
    info = add(b"<< /Title " + _literal(title) + b" /Producer (ECoC Hub) >>")
    kids = []
    for lines, heading in page_lines:
        stream = _content_stream(lines, heading)
        if compress:
            data = zlib.compress(stream)
            content = add(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                + data
                + b"\nendstream"
            )
        else:
            content = add(
                b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
            )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            len(objects) + 1,
            catalog,
            info,
            xref_at,
        )
    )
    return bytes(out)
