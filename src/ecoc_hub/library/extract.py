"""Text, thumbnail and duration extraction for one file, run in a child process.

The worker runs ``run_limited`` in a process of its own per file, forked from
an extraction server that has this module and the parsing libraries imported
already (see ``tasks.run_extraction``). Nothing here touches Django or the
database, so the parent can run it under CPU-time, memory and wall-clock
limits and survive whatever a hostile file does to it.

``python -m ecoc_hub.library.extract KIND PATH`` prints the JSON result of one
file, without limits, for debugging.
"""

from __future__ import annotations

import base64
import io
import json
import os
import resource as rlimit
import sys
import tempfile
import zipfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypedDict

THUMBNAIL_SIZE = (360, 480)


class Limits(TypedDict):
    """How many pages, slides and cues one file may hold (the settings
    ``ECOC_HUB_MAX_PAGES``, ``_SLIDES`` and ``_CUES``, passed in by the
    parent because nothing here reads Django's settings)."""

    pages: int
    slides: int
    cues: int


# Used when run by hand (``python -m``): the settings' defaults.
DEFAULT_LIMITS = Limits(pages=5000, slides=1000, cues=10000)


class TooMany(Exception):
    """A file holds more pages, slides or cues than allowed: refused before
    any of them is read, so a 30,000-page PDF costs one count, not 30,000
    rows."""

    def __init__(self, what: str, count: int, limit: int) -> None:
        super().__init__(f"{count} {what}, more than the {limit} allowed")
        self.what, self.count, self.limit = what, count, limit


def _check(what: str, count: int, limit: int) -> None:
    if count > limit:
        raise TooMany(what, count, limit)


MAX_TEXT_PER_PAGE = 200_000
# Exit status of a child that ran out of memory under its limit.
EXIT_OUT_OF_MEMORY = 86
# Imported once by the extraction server, so that forking a child per file
# costs milliseconds instead of an interpreter start and these imports.
PRELOAD = [
    "ecoc_hub.library.extract",
    "pypdfium2",
    "PIL.Image",
    "PIL.PngImagePlugin",
    "docx",
    "pptx",
    "odf.opendocument",
    "odf.teletype",
    "webvtt",
    "mutagen",
    "lxml.html",
    "xml.etree.ElementTree",
    "ecoc_hub.library.extract_server",  # last: warms up, then freezes the heap
]


def _thumbnail_png(image: Any) -> str:
    image = image.convert("RGB")
    image.thumbnail(THUMBNAIL_SIZE)
    buffer = io.BytesIO()
    # zlib level 3: a fifth of the time of optimize=True, files about as small.
    image.save(buffer, format="PNG", compress_level=3)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def extract_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        _check("pages", len(document), limits["pages"])
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n")
            pages.append({"number": index + 1, "text": text[:MAX_TEXT_PER_PAGE]})
            textpage.close()
            page.close()
        first = document[0]
        # Rendered to fit the thumbnail box, so no resampling is needed after.
        width, height = first.get_size()
        scale = min(THUMBNAIL_SIZE[0] / width, THUMBNAIL_SIZE[1] / height)
        image = first.render(scale=scale).to_pil()
        first.close()
        return {
            "pages": pages,
            "page_count": len(document),
            "thumbnail": _thumbnail_png(image),
        }
    finally:
        document.close()


def extract_docx(path: Path) -> dict[str, Any]:
    import docx

    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return {"pages": [{"number": 1, "text": "\n".join(parts)}]}


def extract_pptx(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    from pptx import Presentation

    presentation = Presentation(str(path))
    _check("slides", len(presentation.slides), limits["slides"])
    pages = []
    for index, slide in enumerate(presentation.slides, start=1):
        texts = [
            shape.text_frame.text
            for shape in slide.shapes
            if getattr(shape, "has_text_frame", False)
        ]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        pages.append({"number": index, "text": "\n".join(texts)})
    return {"pages": pages, "page_count": len(pages)}


def extract_odf(
    path: Path, kind: str, limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    from odf import teletype
    from odf.draw import Page
    from odf.opendocument import load
    from odf.text import H, P

    document = load(str(path))
    if kind == "odp":
        slides = document.getElementsByType(Page)
        _check("slides", len(slides), limits["slides"])
        pages = []
        for index, page in enumerate(slides, start=1):
            texts = [teletype.extractText(p) for p in page.getElementsByType(P)]
            pages.append({"number": index, "text": "\n".join(texts)})
        return {"pages": pages, "page_count": len(pages)}
    texts = [
        teletype.extractText(element)
        for element in document.text.childNodes
        if element.qname[1] in {"p", "h", "list", "section", "table"}
    ]
    if not any(texts):
        texts = [teletype.extractText(e) for e in document.getElementsByType(H)]
        texts += [teletype.extractText(e) for e in document.getElementsByType(P)]
    return {"pages": [{"number": 1, "text": "\n".join(texts)}]}


def extract_xlsx(path: Path) -> dict[str, Any]:
    from xml.etree import ElementTree

    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    texts: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        candidates = [
            "xl/sharedStrings.xml",
            *sorted(n for n in names if n.startswith("xl/worksheets/sheet")),
        ]
        for name in candidates:
            if name not in names:
                continue
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314
            texts.extend(node.text or "" for node in root.iter(namespace + "t"))
    return {"pages": [{"number": 1, "text": "\n".join(t for t in texts if t)}]}


# Elements whose end starts a new line of text (HTML's block-level elements,
# table cells and line breaks).
_HTML_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
)  # fmt: skip
# Elements whose content is never text a reader sees.
_HTML_HIDDEN = ("script", "style", "template", "noscript", "head")


def html_text(data: bytes) -> str:
    """The text a reader sees in an HTML document.

    libxml2's HTML parser (through lxml) reads the document once, in time
    linear in its length whatever it holds: unclosed ``<script`` tags,
    comments or attributes cannot make it backtrack as a regular expression
    over the markup does. Script, style and template content is dropped;
    block elements end a line.
    """
    import lxml.html
    from lxml import etree

    if not data.strip():
        return ""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except etree.ParserError:  # e.g. only a comment: nothing to read
        return ""
    etree.strip_elements(root, *_HTML_HIDDEN, with_tail=False)
    for element in root.iter(*_HTML_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return normalise_whitespace(root.text_content())


def normalise_whitespace(text: str) -> str:
    """One space between words, one blank line at most between paragraphs.

    Done line by line rather than with a regular expression over the whole
    text, so the time is linear in the length of any input.
    """
    lines: list[str] = []
    for line in text.splitlines():
        words = line.split()
        if words:
            lines.append(" ".join(words))
        elif lines and lines[-1]:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def extract_text(path: Path, kind: str) -> dict[str, Any]:
    data = path.read_bytes()
    if kind == "html":
        text = html_text(data.removeprefix(b"\xef\xbb\xbf"))
    else:
        text = data.decode("utf-8-sig")
    return {"pages": [{"number": 1, "text": text[:MAX_TEXT_PER_PAGE]}]}


def count_cues(data: bytes) -> int:
    """The cues of a WebVTT file: its timing lines, counted without parsing."""
    return sum(1 for line in data.splitlines() if b"-->" in line)


def extract_vtt(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    import webvtt

    _check("cues", count_cues(path.read_bytes()), limits["cues"])
    pages = []
    captions: Any = webvtt.read(str(path))
    for index, caption in enumerate(captions, start=1):
        pages.append(
            {
                "number": index,
                "text": caption.text,
                "start_seconds": caption.start_in_seconds
                + caption.start_time.milliseconds / 1000,
            }
        )
    return {"pages": pages}


def extract_image(path: Path) -> dict[str, Any]:
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        return {"pages": [], "thumbnail": _thumbnail_png(image), "no_text": True}


def extract_media(path: Path) -> dict[str, Any]:
    import mutagen

    try:
        parsed = mutagen.File(str(path))
    except mutagen.MutagenError:  # e.g. a video without a sound track
        parsed = None
    duration = None
    if parsed is not None and getattr(parsed, "info", None) is not None:
        duration = getattr(parsed.info, "length", None)
    return {"pages": [], "duration": duration, "no_text": True}


def extract(kind: str, path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    if kind == "pdf":
        return extract_pdf(path, limits)
    if kind == "docx":
        return extract_docx(path)
    if kind == "pptx":
        return extract_pptx(path, limits)
    if kind in {"odt", "odp"}:
        return extract_odf(path, kind, limits)
    if kind == "xlsx":
        return extract_xlsx(path)
    if kind in {"txt", "md", "html"}:
        return extract_text(path, kind)
    if kind == "vtt":
        return extract_vtt(path, limits)
    if kind in {"jpeg", "png", "webp"}:
        return extract_image(path)
    if kind in {"mp3", "m4a", "ogg", "mp4"}:
        return extract_media(path)
    return {"pages": [], "no_text": True}


def warm_up() -> None:
    """Do the one-off work of a first extraction (PDFium's font lookup, the
    PNG encoder): about 40 ms that each child forked after it is spared."""
    from ecoc_hub.core.pdf import build_pdf

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "warm-up.pdf"
        path.write_bytes(build_pdf(["Warm-up ąę"], title="Warm-up"))
        extract_pdf(path)


def run_limited(
    result_pipe: Connection,
    kind: str,
    path: str,
    memory_bytes: int,
    cpu_seconds: int,
    limits: Limits = DEFAULT_LIMITS,
) -> None:  # pragma: no cover - runs in the child process
    """Extract one file under memory and CPU-time limits; send the JSON result.

    Any failure of the extractor is sent as ``{"error": ...}``; running out of
    memory ends the process with ``EXIT_OUT_OF_MEMORY``, because there may be
    no memory left to report it with. Past the CPU-time limit the kernel ends
    the process (SIGXCPU, then SIGKILL at the hard limit).
    """
    try:
        rlimit.setrlimit(rlimit.RLIMIT_AS, (memory_bytes, memory_bytes))
        rlimit.setrlimit(rlimit.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        try:
            result = extract(kind, Path(path), limits)
        except MemoryError:
            raise
        except TooMany as error:  # the parent words it for the person
            result = {
                "error": str(error),
                "too_many": {
                    "what": error.what,
                    "count": error.count,
                    "limit": error.limit,
                },
            }
        except Exception as error:  # reported to the parent, which records it
            result = {"error": f"{type(error).__name__}: {error}"[:1000]}
        # JSON rather than pickle: the parent must not unpickle what a
        # process handling a hostile file sends it.
        result_pipe.send_bytes(json.dumps(result).encode())
        result_pipe.close()
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)


def main() -> None:
    kind, path = sys.argv[1], Path(sys.argv[2])
    try:
        result = extract(kind, path)
    except Exception as error:  # reported to the parent, which records it
        result = {"error": f"{type(error).__name__}: {error}"[:1000]}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
