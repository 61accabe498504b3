"""A generated corpus of hostile uploads, for every accepted type.

Nothing here is checked in as a binary: each case builds its bytes when the
test asks for them, from a fixed seed, so a failure is reproducible.

Each case says what the upload path must do with it:

- ``REFUSE``: refused at upload with a clear message; nothing is stored;
- ``ACCEPT``: a valid file (the control group, so that refusing everything
  cannot pass);
- ``EITHER``: refusing or accepting are both fine; accepted, its extraction
  must end (text, or a clear failure) in bounded time.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from ecoc_hub.library import samples

REFUSE = "refuse"
ACCEPT = "accept"
EITHER = "either"

PASSWD_MARKER = "root:x:0:0"


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    build: Callable[[], bytes]
    verdict: str


def _rng(seed: str) -> random.Random:
    return random.Random(seed)


def _random_bytes(seed: str, size: int) -> bytes:
    rng = _rng(seed)
    return b"JUNK" + bytes(rng.getrandbits(8) for _ in range(size))


# PDF ---------------------------------------------------------------------------


def _valid_pdf() -> bytes:
    return samples.build_pdf(
        ["First page about audience development.", "Second page.", "Third page."],
        title="Hostile corpus control",
    )


def _pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table around ``objects``."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, xref)
    )
    return out.getvalue()


def _many_pages_pdf(count: int) -> bytes:
    """``count`` blank pages sharing one content stream: about 40 bytes a page."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids),
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 3 0 R >>"
    ] * count
    return _pdf(objects)


def _page_pdf(content: bytes, *, extra: bytes = b"", filters: bytes = b"") -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R" + extra + b" >>",
            b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
            b"<< /Length %d%s >>\nstream\n" % (len(content), filters)
            + content
            + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>",
        ]
    )


def _flate_bomb_pdf(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m " * (1024 * 1024 // 6)
    body = b"".join(compressor.compress(chunk) for _ in range(megabytes))
    body += compressor.flush()
    return _page_pdf(body, filters=b" /Filter /FlateDecode")


def _nested_array_pdf(depth: int) -> bytes:
    return _page_pdf(b"BT ET", extra=b" /Deep " + b"[" * depth + b"]" * depth)


def _circular_pages_pdf() -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 2 /Kids [3 0 R 2 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        ]
    )


def _pdf_cases() -> list[Case]:
    cases = [Case("pdf-valid", "valid.pdf", _valid_pdf, ACCEPT)]
    for tenth in range(1, 10):
        cases.append(
            Case(
                f"pdf-truncated-{tenth}0pct",
                "truncated.pdf",
                lambda tenth=tenth: _valid_pdf()[: len(_valid_pdf()) * tenth // 10],
                EITHER,
            )
        )
    for n in range(6):
        cases.append(
            Case(
                f"pdf-header-then-noise-{n}",
                "noise.pdf",
                lambda n=n: b"%PDF-1.7\n" + _random_bytes(f"pdf{n}", 4000)[4:],
                REFUSE,
            )
        )
    cases += [
        Case("pdf-header-only", "header.pdf", lambda: b"%PDF-1.4\n", REFUSE),
        Case(
            # More than ECOC_HUB_MAX_PAGES (5,000): refused at upload.
            "pdf-30000-blank-pages",
            "pages.pdf",
            lambda: _many_pages_pdf(30000),
            REFUSE,
        ),
        Case(
            "pdf-3000-blank-pages", "pages.pdf", lambda: _many_pages_pdf(3000), EITHER
        ),
        Case("pdf-flate-bomb-64mb", "bomb.pdf", lambda: _flate_bomb_pdf(64), EITHER),
        Case("pdf-flate-bomb-256mb", "bomb.pdf", lambda: _flate_bomb_pdf(256), EITHER),
        Case(
            "pdf-nested-arrays", "deep.pdf", lambda: _nested_array_pdf(100_000), EITHER
        ),
        Case("pdf-circular-page-tree", "loop.pdf", _circular_pages_pdf, EITHER),
        Case(
            "pdf-huge-page-count",
            "count.pdf",
            lambda: _valid_pdf().replace(b"/Count 3", b"/Count 2147483647"),
            EITHER,
        ),
        Case(
            "pdf-javascript-open-action",
            "js.pdf",
            lambda: _page_pdf(
                b"BT ET",
                extra=b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
            ),
            EITHER,
        ),
        Case(
            "pdf-html-polyglot",
            "polyglot.pdf",
            lambda: _valid_pdf() + b"<html><script>alert(1)</script></html>",
            EITHER,
        ),
        Case(
            "pdf-xref-beyond-end",
            "xref.pdf",
            lambda: _valid_pdf().replace(b"startxref\n", b"startxref\n99999999"),
            EITHER,
        ),
        Case(
            "pdf-named-docx",
            "report.docx",
            _valid_pdf,
            REFUSE,
        ),
        Case("pdf-named-png", "image.png", _valid_pdf, REFUSE),
    ]
    for n in range(24):
        cases.append(
            Case(
                f"pdf-flipped-bytes-{n}",
                "flipped.pdf",
                lambda n=n: _flip(_valid_pdf(), f"flip{n}", 20),
                EITHER,
            )
        )
    return cases


def _flip(data: bytes, seed: str, count: int) -> bytes:
    rng = _rng(seed)
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(len(out))] = rng.getrandbits(8)
    return bytes(out)


# Archive-based documents -------------------------------------------------------

_OFFICE = {
    "docx": lambda: samples.docx_bytes(["A paragraph about volunteering."]),
    "pptx": lambda: samples.pptx_bytes([("A slide", "About volunteering.")]),
    "xlsx": lambda: samples.xlsx_bytes(["A cell about volunteering."]),
    "odt": lambda: samples.odt_bytes(["A paragraph about volunteering."]),
}

_MAIN_PART = {
    "docx": "word/document.xml",
    "pptx": "ppt/slides/slide1.xml",
    "xlsx": "xl/sharedStrings.xml",
    "odt": "content.xml",
}


def _rewrite(data: bytes, replace: dict[str, bytes], add: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = replace.get(info.filename, source.read(info))
            if info.filename == "mimetype":
                archive.writestr(info, body, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(info.filename, body)
        for name, body in add.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _xxe(kind: str) -> bytes:
    part = _MAIN_PART[kind]
    original = zipfile.ZipFile(io.BytesIO(_OFFICE[kind]())).read(part).decode()
    declaration_end = original.index("?>") + 2 if original.startswith("<?xml") else 0
    root = original[declaration_end:].lstrip().split()[0].lstrip("<").rstrip(">")
    doctype = (
        f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>'
    )
    body = original[:declaration_end] + doctype + original[declaration_end:]
    body = body.replace("volunteering", "&xxe;&remote;")
    return _rewrite(_OFFICE[kind](), {part: body.encode()}, {})


def _laughs(kind: str) -> bytes:
    part = _MAIN_PART[kind]
    original = zipfile.ZipFile(io.BytesIO(_OFFICE[kind]())).read(part).decode()
    declaration_end = original.index("?>") + 2 if original.startswith("<?xml") else 0
    root = original[declaration_end:].lstrip().split()[0].lstrip("<").rstrip(">")
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    body = (
        original[:declaration_end]
        + f"<!DOCTYPE {root} [{entities}]>"
        + original[declaration_end:].replace("volunteering", "&l9;")
    )
    return _rewrite(_OFFICE[kind](), {part: body.encode()}, {})


def _many_parts(kind: str, count: int) -> bytes:
    return _rewrite(
        _OFFICE[kind](), {}, {f"extra/part{i}.xml": b"<x/>" for i in range(count)}
    )


def _bomb(kind: str, megabytes: int) -> bytes:
    buffer = io.BytesIO(_OFFICE[kind]())
    zeros = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("padding.bin", "w", force_zip64=True) as entry,
    ):
        for _ in range(megabytes):
            entry.write(zeros)
    return buffer.getvalue()


def _office_cases(*, zip_limit_mb: int, zip_max_files: int) -> list[Case]:
    cases = []
    others = list(_OFFICE)
    for kind, build in _OFFICE.items():
        cases += [
            Case(f"{kind}-valid", f"valid.{kind}", build, ACCEPT),
            Case(
                f"{kind}-zip-bomb",
                f"bomb.{kind}",
                lambda kind=kind: _bomb(kind, zip_limit_mb + 2),
                REFUSE,
            ),
            Case(
                f"{kind}-too-many-parts",
                f"parts.{kind}",
                lambda kind=kind: _many_parts(kind, zip_max_files + 1),
                REFUSE,
            ),
            Case(f"{kind}-xxe", f"xxe.{kind}", lambda kind=kind: _xxe(kind), EITHER),
            Case(
                f"{kind}-billion-laughs",
                f"laughs.{kind}",
                lambda kind=kind: _laughs(kind),
                EITHER,
            ),
            Case(
                f"{kind}-path-traversal-member",
                f"traversal.{kind}",
                lambda kind=kind: _rewrite(
                    _OFFICE[kind](),
                    {},
                    {"../../../../tmp/ecoc-hostile-escape.txt": b"escaped"},
                ),
                EITHER,
            ),
            Case(
                f"{kind}-main-part-missing",
                f"empty.{kind}",
                lambda kind=kind: _rewrite(
                    _OFFICE[kind](), {_MAIN_PART[kind]: b"not xml at all <<<"}, {}
                ),
                EITHER,
            ),
            Case(
                f"{kind}-named-as-{others[(others.index(kind) + 1) % 4]}",
                f"wrong.{others[(others.index(kind) + 1) % 4]}",
                build,
                REFUSE,
            ),
            Case(
                f"{kind}-deep-xml",
                f"deep.{kind}",
                lambda kind=kind: _rewrite(
                    _OFFICE[kind](),
                    {_MAIN_PART[kind]: b"<a>" * 200_000 + b"</a>" * 200_000},
                    {},
                ),
                EITHER,
            ),
        ]
        for tenth in (1, 3, 5, 7, 9):
            # Cut before the central directory: no archive can be read back.
            cases.append(
                Case(
                    f"{kind}-truncated-{tenth}0pct",
                    f"cut.{kind}",
                    lambda kind=kind, tenth=tenth: _OFFICE[kind]()[
                        : len(_OFFICE[kind]()) * tenth // 10
                    ],
                    REFUSE,
                )
            )
        for n in range(6):
            cases.append(
                Case(
                    f"{kind}-flipped-bytes-{n}",
                    f"flipped.{kind}",
                    lambda kind=kind, n=n: _flip(_OFFICE[kind](), f"{kind}{n}", 30),
                    EITHER,
                )
            )
    cases.append(
        Case(
            "odp-with-odt-mimetype",
            "slides.odp",
            _OFFICE["odt"],
            REFUSE,
        )
    )
    return cases


# Text, Markdown, HTML ----------------------------------------------------------


def _text_cases(*, text_limit_mb: int) -> list[Case]:
    big = text_limit_mb * 1024 * 1024
    cases = [
        Case(
            "txt-valid", "notes.txt", lambda: b"Plain notes about volunteering.", ACCEPT
        ),
        Case(
            "md-valid", "notes.md", lambda: b"# Notes\n\nAbout *volunteering*.", ACCEPT
        ),
        Case(
            "html-valid",
            "page.html",
            lambda: b"<!doctype html><title>T</title><p>About volunteering.</p>",
            ACCEPT,
        ),
        Case("txt-nul-bytes", "nul.txt", lambda: b"text\x00with\x00nul", REFUSE),
        Case(
            "txt-invalid-utf8",
            "latin.txt",
            lambda: "caf\xe9".encode("latin-1") * 50,
            REFUSE,
        ),
        Case("txt-utf16", "wide.txt", lambda: "wide text".encode("utf-16"), REFUSE),
        Case("txt-over-limit", "big.txt", lambda: b"a" * (big + 1), REFUSE),
        Case("txt-empty", "empty.txt", lambda: b"", REFUSE),
        Case(
            "txt-binary-named-txt",
            "exe.txt",
            lambda: _random_bytes("exe", 3000),
            REFUSE,
        ),
        Case(
            "txt-bidi-and-combining",
            "bidi.txt",
            lambda: ("\u202e" + "e\u0301" * 20_000 + "\u202c").encode(),
            EITHER,
        ),
        Case("txt-one-long-line", "line.txt", lambda: b"x" * (big - 10), EITHER),
        Case("txt-many-lines", "lines.txt", lambda: b"a\n" * 2_000_000, EITHER),
    ]
    html_bombs = {
        "script-open": b"<script" * 200_000,
        "script-unclosed": b"<script>" + b"a" * 1_000_000,
        "style-open": b"<style" * 200_000,
        "comment-open": b"<!--" * 300_000,
        "nested-divs": b"<div>" * 200_000,
        "lt-only": b"<" * 1_400_000,
        "attributes": b"<p " + b'a="' * 300_000,
        "cdata": b"<![CDATA[" * 150_000,
        "entities": b"&amp;" * 300_000,
        "mixed-case-script": b"<ScRiPt>x</sCrIpT " * 80_000,
        "iframe-srcdoc": b'<iframe srcdoc="<script>alert(1)</script>">' * 20_000,
        "xss": b"<img src=x onerror=alert(1)><svg onload=alert(1)>"
        b'<a href="javascript:1">',
    }
    for name, body in html_bombs.items():
        cases.append(
            Case(f"html-{name}", f"{name}.html", lambda body=body: body, EITHER)
        )
    markdown_bombs = {
        "brackets": b"[" * 300_000,
        "emphasis": b"*" * 300_000,
        "underscores": b"_a" * 200_000,
        "backticks": b"`" * 300_000,
        "blockquotes": b">" * 100_000 + b" quote",
        "nested-lists": b"".join(b"  " * i + b"- item\n" for i in range(2_000)),
        "link-references": b"[a]: http://x\n" * 50_000 + b"[a]" * 50_000,
        "html-inside": b"<script>alert(1)</script>\n\n" * 20_000,
        "tables": b"|a" * 100_000 + b"\n" + b"|-" * 100_000,
        "headings": b"#" * 300_000,
    }
    for name, body in markdown_bombs.items():
        cases.append(Case(f"md-{name}", f"{name}.md", lambda body=body: body, EITHER))
    for name, body in list(markdown_bombs.items())[:6]:
        cases.append(Case(f"txt-{name}", f"{name}.txt", lambda body=body: body, EITHER))
    return cases


# Images ------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_bomb(side: int) -> bytes:
    """A 1-bit PNG ``side`` pixels square: tiny on disk, huge in memory."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\0" + b"\0" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#aa5533").save(buffer, format="JPEG")
    return buffer.getvalue()


def _webp() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#33aa55").save(buffer, format="WEBP")
    return buffer.getvalue()


def _gif() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, format="GIF")
    return buffer.getvalue()


def _image_cases() -> list[Case]:
    png = samples.png_bytes
    cases = [
        Case("png-valid", "valid.png", png, ACCEPT),
        Case("jpeg-valid", "valid.jpg", _jpeg, ACCEPT),
        Case("webp-valid", "valid.webp", _webp, ACCEPT),
        Case("png-bomb-30000px", "bomb.png", lambda: _png_bomb(30_000), REFUSE),
        Case("png-bomb-20000px", "bomb.png", lambda: _png_bomb(20_000), REFUSE),
        Case(
            "png-bad-crc",
            "crc.png",
            lambda: png()[:30] + bytes([png()[30] ^ 0xFF]) + png()[31:],
            REFUSE,
        ),
        Case("png-named-jpg", "photo.jpg", png, REFUSE),
        Case("jpeg-named-png", "photo.png", _jpeg, REFUSE),
        Case("gif-named-png", "anim.png", _gif, REFUSE),
        Case(
            "svg-script-named-png",
            "vector.png",
            lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            REFUSE,
        ),
        Case("png-header-only", "head.png", lambda: b"\x89PNG\r\n\x1a\n", REFUSE),
        Case("jpeg-header-only", "head.jpg", lambda: b"\xff\xd8\xff\xe0", REFUSE),
        Case(
            "webp-header-only",
            "head.webp",
            lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 ",
            REFUSE,
        ),
        Case(
            "png-html-appended",
            "polyglot.png",
            lambda: png() + b"<html><script>alert(1)</script>",
            EITHER,
        ),
    ]
    for tenth in (2, 4, 6, 8):
        cases.append(
            Case(
                f"png-truncated-{tenth}0pct",
                "cut.png",
                lambda tenth=tenth: png()[: len(png()) * tenth // 10],
                REFUSE,
            )
        )
        cases.append(
            Case(
                f"jpeg-truncated-{tenth}0pct",
                "cut.jpg",
                lambda tenth=tenth: _jpeg()[: len(_jpeg()) * tenth // 10],
                EITHER,
            )
        )
        cases.append(
            Case(
                f"webp-truncated-{tenth}0pct",
                "cut.webp",
                lambda tenth=tenth: _webp()[: len(_webp()) * tenth // 10],
                EITHER,
            )
        )
    for n in range(10):
        cases.append(
            Case(
                f"jpeg-flipped-bytes-{n}",
                "flipped.jpg",
                lambda n=n: _flip(_jpeg(), f"jpeg{n}", 10),
                EITHER,
            )
        )
        if n < 8:
            cases.append(
                Case(
                    f"png-flipped-bytes-{n}",
                    "flipped.png",
                    lambda n=n: _flip(png(), f"png{n}", 10),
                    EITHER,
                )
            )
    return cases


# Audio and video ---------------------------------------------------------------


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def _media_cases() -> list[Case]:
    mp3 = samples.mp3_bytes
    mp4 = samples.mp4_bytes
    cases = [
        Case("mp3-valid", "valid.mp3", mp3, ACCEPT),
        Case("mp4-valid", "valid.mp4", mp4, ACCEPT),
        Case("m4a-valid", "valid.m4a", lambda: mp4(brand=b"M4A "), ACCEPT),
        Case("webm-valid-header", "valid.webm", samples.webm_bytes, ACCEPT),
        Case(
            "mp3-id3-only",
            "tag.mp3",
            lambda: b"ID3\x04\x00\x00\x00\x00\x00\x00",
            EITHER,
        ),
        Case(
            "mp3-huge-id3-size",
            "tag.mp3",
            lambda: b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + mp3(seconds=0.5),
            EITHER,
        ),
        Case(
            "mp4-box-longer-than-file",
            "long.mp4",
            lambda: (10**6).to_bytes(4, "big") + b"ftypisom" + bytes(8),
            REFUSE,
        ),
        Case(
            "mp4-without-moov",
            "nomoov.mp4",
            lambda: _box(b"ftyp", b"isom" + bytes(4)) + _box(b"free", bytes(16)),
            REFUSE,
        ),
        Case(
            "mp4-many-tiny-boxes",
            "boxes.mp4",
            lambda: _box(b"ftyp", b"isom" + bytes(4)) + _box(b"free", b"") * 50_000,
            REFUSE,
        ),
        Case(
            "mp4-zero-length-box",
            "zero.mp4",
            lambda: _box(b"ftyp", b"isom" + bytes(4)) + bytes(4) + b"moov",
            EITHER,
        ),
        Case(
            "mp4-64bit-size-lie",
            "lie.mp4",
            lambda: (
                _box(b"ftyp", b"isom" + bytes(4))
                + (1).to_bytes(4, "big")
                + b"moov"
                + (2**62).to_bytes(8, "big")
            ),
            REFUSE,
        ),
        Case(
            "webm-header-then-noise",
            "noise.webm",
            lambda: samples.webm_bytes() + _random_bytes("webm", 5000),
            EITHER,
        ),
        Case(
            "ogg-header-then-noise",
            "noise.ogg",
            lambda: b"OggS" + _random_bytes("ogg", 3000),
            REFUSE,
        ),
        Case("mp3-named-ogg", "audio.ogg", mp3, REFUSE),
        Case("mp3-named-mp4", "audio.mp4", mp3, REFUSE),
        Case("pdf-named-mp3", "audio.mp3", _valid_pdf, REFUSE),
    ]
    for extension in ("mp3", "m4a", "ogg", "oga", "mp4", "webm"):
        for n in range(6):
            cases.append(
                Case(
                    f"{extension}-random-bytes-{n}",
                    f"random.{extension}",
                    lambda extension=extension, n=n: _random_bytes(
                        f"{extension}{n}", 20_000
                    ),
                    REFUSE,
                )
            )
    for tenth in (3, 6, 9):
        cases.append(
            Case(
                f"mp3-truncated-{tenth}0pct",
                "cut.mp3",
                lambda tenth=tenth: mp3()[: len(mp3()) * tenth // 10],
                EITHER,
            )
        )
        cases.append(
            Case(
                f"mp4-truncated-{tenth}0pct",
                "cut.mp4",
                lambda tenth=tenth: mp4()[: len(mp4()) * tenth // 10],
                REFUSE,
            )
        )
    return cases


# WebVTT ------------------------------------------------------------------------


def _vtt(cues: int, text: str = "A cue about volunteering.") -> bytes:
    return samples.vtt_bytes([(i, i + 0.9, text) for i in range(cues)])


def _vtt_cases() -> list[Case]:
    return [
        Case("vtt-valid", "valid.vtt", lambda: _vtt(3), ACCEPT),
        # More than ECOC_HUB_MAX_CUES (10,000): refused at upload.
        Case("vtt-40000-cues", "many.vtt", lambda: _vtt(40_000, "cue"), REFUSE),
        Case("vtt-no-header", "bare.vtt", lambda: _vtt(3)[len(b"WEBVTT") :], REFUSE),
        Case(
            "vtt-bad-timestamps",
            "time.vtt",
            lambda: b"WEBVTT\n\n99:99:99.999 --> aa:bb\nText\n",
            EITHER,
        ),
        Case(
            "vtt-reversed-times",
            "reverse.vtt",
            lambda: b"WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nBackwards\n",
            EITHER,
        ),
        Case(
            "vtt-one-huge-cue", "huge.vtt", lambda: _vtt(1, "word " * 300_000), EITHER
        ),
        Case(
            "vtt-script-in-cue",
            "script.vtt",
            lambda: _vtt(2, "<script>alert(1)</script><img src=x onerror=alert(1)>"),
            EITHER,
        ),
        Case(
            "vtt-nested-tags", "tags.vtt", lambda: _vtt(1, "<b><i><u>" * 20_000), EITHER
        ),
        Case(
            "vtt-huge-hours",
            "hours.vtt",
            lambda: b"WEBVTT\n\n99999999:00:00.000 --> 99999999:00:01.000\nFar\n",
            EITHER,
        ),
        Case("vtt-nul", "nul.vtt", lambda: _vtt(2) + b"\x00", REFUSE),
    ] + [
        Case(
            f"vtt-flipped-bytes-{n}",
            "flipped.vtt",
            lambda n=n: _flip(_vtt(20), f"vtt{n}", 15),
            EITHER,
        )
        for n in range(6)
    ]


# Hostile names -----------------------------------------------------------------

HOSTILE_NAMES = [
    ("name-1000-chars", "a" * 996 + ".txt", EITHER),
    ("name-traversal", "../../../../etc/passwd.txt", EITHER),
    ("name-windows-traversal", "..\\..\\windows\\win.txt", EITHER),
    ("name-bidi-override", "report\u202egnp.txt", EITHER),
    ("name-reserved-device", "CON.txt", EITHER),
    ("name-only-extension", ".txt", EITHER),
    ("name-dots", "....txt", EITHER),
    ("name-crlf", "a\r\nContent-Type: text/html\r\n.txt", EITHER),
    ("name-quotes", 'a"b;filename=evil.html;.txt', EITHER),
    ("name-html", "<img src=x onerror=alert(1)>.txt", EITHER),
    ("name-emoji", "\U0001f3ad\U0001f3db\ufe0f.txt", EITHER),
    ("name-nfd", "Cafe\u0301.txt", EITHER),
    ("name-long-utf8", "\u00e9" * 200 + ".txt", EITHER),
    ("name-double-extension", "report.html.txt", EITHER),
    ("name-no-extension", "README", REFUSE),
    ("name-exe", "setup.exe", REFUSE),
    ("name-svg", "vector.svg", REFUSE),
    ("name-uppercase-extension", "NOTES.TXT", EITHER),
    ("name-trailing-space", "notes.txt ", EITHER),
    ("name-percent-encoding", "%2e%2e%2fnotes.txt", EITHER),
]


def _name_cases() -> list[Case]:
    return [
        Case(case_id, name, lambda: b"Notes about volunteering.", verdict)
        for case_id, name, verdict in HOSTILE_NAMES
    ]


def corpus(*, zip_limit_mb: int, zip_max_files: int, text_limit_mb: int) -> list[Case]:
    cases = (
        _pdf_cases()
        + _office_cases(zip_limit_mb=zip_limit_mb, zip_max_files=zip_max_files)
        + _text_cases(text_limit_mb=text_limit_mb)
        + _image_cases()
        + _media_cases()
        + _vtt_cases()
        + _name_cases()
    )
    ids = [case.id for case in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates
    return cases
