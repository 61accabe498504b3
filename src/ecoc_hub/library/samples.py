"""Builders of small, real files of every accepted format.

The demo content and the tests use the same builders, so what the tests check
is what the demo shows.
"""

from __future__ import annotations

import io
import zipfile

from ecoc_hub.core.pdf import build_pdf

__all__ = [
    "build_pdf",
    "docx_bytes",
    "mp3_bytes",
    "mp4_bytes",
    "odt_bytes",
    "png_bytes",
    "pptx_bytes",
    "vtt_bytes",
    "webm_bytes",
    "xlsx_bytes",
    "zip_bomb_docx",
]


def docx_bytes(paragraphs: list[str], *, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx_bytes(slides: list[tuple[str, str]]) -> bytes:
    from pptx import Presentation

    presentation = Presentation()
    layout = presentation.slide_layouts[1]
    for heading, body in slides:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = heading
        slide.placeholders[1].text = body
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def odt_bytes(paragraphs: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def xlsx_bytes(cells: list[str]) -> bytes:
    """A one-sheet workbook whose cells hold the given strings."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    from xml.sax.saxutils import escape

    strings = "".join(f"<si><t>{escape(cell)}</t></si>" for cell in cells)
    rows = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>'
        for i in range(len(cells))
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.'
            "openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
            f'xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.'
            "openxmlformats.org/officeDocument/2006/relationships/worksheet"
            '" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
            f"<sheetData>{rows}</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" '
            f'count="{len(cells)}" uniqueCount="{len(cells)}">{strings}</sst>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb_docx(*, unpacked_mb: int, parts: int = 1) -> bytes:
    """A DOCX-looking archive that would unpack to ``unpacked_mb`` megabytes."""
    buffer = io.BytesIO()
    zeros = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        for part in range(parts):
            with archive.open(f"word/media/padding{part}.bin", "w") as entry:
                for _ in range(unpacked_mb // parts):
                    entry.write(zeros)
    return buffer.getvalue()


def png_bytes(*, width: int = 64, height: int = 48, colour: str = "#3355aa") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def mp3_bytes(*, seconds: float = 3.0) -> bytes:
    """Valid MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) of silence.

    No MP3 encoder is installed; a frame whose side information is all zeros
    decodes to silence, which is enough for a real, seekable, playable file.
    """
    header = b"\xff\xfb\x90\xc4"
    frame = header + b"\0" * (417 - len(header))
    frames = int(seconds * 44100 / 1152)
    return frame * frames


def vtt_bytes(cues: list[tuple[float, float, str]]) -> bytes:
    def stamp(seconds: float) -> str:
        whole = int(seconds)
        millis = round((seconds - whole) * 1000)
        hours, minutes, secs = whole // 3600, whole % 3600 // 60, whole % 60
        return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"

    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", text, ""]
    return "\n".join(lines).encode()


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def mp4_bytes(*, brand: bytes = b"isom") -> bytes:
    """The box structure of an ISO media file: ftyp, moov with a movie header."""
    mvhd = _box(b"mvhd", bytes(4) + bytes(8) + (1000).to_bytes(4, "big") + bytes(84))
    return _box(b"ftyp", brand + bytes(4) + b"isommp41") + _box(b"moov", mvhd)


def webm_bytes() -> bytes:
    """An EBML header declaring the WebM document type."""
    doc_type = b"\x42\x82\x84webm"
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(doc_type)]) + doc_type
