from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from ecoc_hub.library import samples
from ecoc_hub.library.files import (
    UploadRejected,
    atomic_with_files,
    stage_upload,
    storage_name_for,
    store_blob,
)
from ecoc_hub.library.models import Blob

from .conftest import stage


def stored_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


VALID = [
    ("report.pdf", lambda: samples.build_pdf(["one", "two"]), "pdf"),
    ("guide.docx", lambda: samples.docx_bytes(["Hello"]), "docx"),
    ("slides.pptx", lambda: samples.pptx_bytes([("Title", "Body")]), "pptx"),
    ("notes.odt", lambda: samples.odt_bytes(["Hallo"]), "odt"),
    ("table.xlsx", lambda: samples.xlsx_bytes(["Zelle"]), "xlsx"),
    ("notes.txt", lambda: "Plain text, accentué.".encode(), "txt"),
    ("notes.md", lambda: b"# Title\n\nSome *markdown*.", "md"),
    ("page.html", lambda: b"<html><body><p>Hi</p></body></html>", "html"),
    ("poster.png", samples.png_bytes, "png"),
    ("talk.mp3", samples.mp3_bytes, "mp3"),
    ("talk.vtt", lambda: samples.vtt_bytes([(0, 2, "Hello")]), "vtt"),
    ("film.mp4", samples.mp4_bytes, "mp4"),
    ("talk.m4a", lambda: samples.mp4_bytes(brand=b"M4A "), "m4a"),
    ("film.webm", samples.webm_bytes, "webm"),
]


@pytest.mark.parametrize(("name", "build", "kind"), VALID)
def test_accepted_formats_are_recognised_by_content(name, build, kind):
    staged = stage(build(), name)

    assert staged.kind == kind
    staged.discard()


def test_jpeg_and_webp_images_are_accepted():
    from PIL import Image

    for fmt, name, kind in [("JPEG", "a.jpg", "jpeg"), ("WEBP", "a.webp", "webp")]:
        buffer = io.BytesIO()
        Image.new("RGB", (20, 20), "red").save(buffer, format=fmt)
        staged = stage(buffer.getvalue(), name)
        assert staged.kind == kind
        staged.discard()


def test_staging_hashes_while_writing():
    data = samples.build_pdf(["hash me"])
    staged = stage(data, "a.pdf")

    import hashlib

    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    assert staged.size == len(data)
    staged.discard()


def test_truncated_pdf_is_refused_and_nothing_is_stored(db):
    data = samples.build_pdf(["one", "two", "three"])[:200]

    with pytest.raises(UploadRejected) as error:
        stage(data, "report.pdf")

    assert "not a valid PDF" in error.value.message
    assert Blob.objects.count() == 0
    assert stored_files() == []


def test_file_renamed_to_the_wrong_extension_is_refused(db):
    with pytest.raises(UploadRejected) as error:
        stage(samples.docx_bytes(["Hello"]), "report.pdf")

    assert error.value.message == (
        "“report.pdf” is named as PDF but its content is DOCX. "
        "Rename it or upload the right file."
    )


def test_text_named_as_pdf_says_what_it_really_is(db):
    with pytest.raises(UploadRejected) as error:
        stage(b"just text", "report.pdf")

    assert "its content is HTML / MD / TXT" in error.value.message


def test_pdf_named_as_docx_is_refused(db):
    with pytest.raises(UploadRejected) as error:
        stage(samples.build_pdf(["x"]), "guide.docx")

    assert "named as DOCX but its content is PDF" in error.value.message


def test_docx_zip_bomb_is_refused_before_extraction(db, settings):
    settings.ECOC_HUB_ZIP_MAX_UNPACKED_MB = 5
    bomb = samples.zip_bomb_docx(unpacked_mb=20)

    with pytest.raises(UploadRejected) as error:
        stage(bomb, "bomb.docx")

    assert len(bomb) < 100_000
    assert error.value.message == (
        "This archive-based file would unpack to 20 MB; at most 5 MB are allowed."
    )
    assert stored_files() == []


def test_archive_with_too_many_parts_is_refused(db, settings):
    settings.ECOC_HUB_ZIP_MAX_FILES = 3
    data = samples.zip_bomb_docx(unpacked_mb=4, parts=4)

    with pytest.raises(UploadRejected) as error:
        stage(data, "many.docx")

    assert error.value.message == (
        "This archive-based file holds 5 parts; at most 3 are allowed."
    )


def test_oversized_file_is_refused_with_the_limit(db, settings):
    settings.ECOC_HUB_UPLOAD_LIMITS_MB = {
        **settings.ECOC_HUB_UPLOAD_LIMITS_MB,
        "text": 1,
    }
    data = b"a" * (1024 * 1024 + 1)

    with pytest.raises(UploadRejected) as error:
        stage(data, "big.txt")

    assert error.value.message == (
        "“big.txt” is larger than the 1 MB allowed for this type of file."
    )


def test_global_limit_caps_the_per_type_limit(settings):
    from ecoc_hub.library.files import limit_bytes

    settings.ECOC_HUB_MAX_UPLOAD_MB = 3

    assert limit_bytes("audio") == 3 * 1024 * 1024


def test_unknown_extension_lists_the_allowed_types(db):
    with pytest.raises(UploadRejected) as error:
        stage(b"MZ\x90\x00", "tool.exe")

    assert error.value.message.startswith("Files of type “exe” are not accepted.")
    assert "Documents: pdf, docx, pptx, xlsx, odt, odp (up to 100 MB)" in (
        error.value.message
    )


def test_empty_file_is_refused(db):
    with pytest.raises(UploadRejected) as error:
        stage(b"", "empty.txt")

    assert error.value.message == "“empty.txt” is empty."


def test_binary_junk_named_txt_is_refused(db):
    with pytest.raises(UploadRejected):
        stage(b"abc\x00def", "notes.txt")


def test_identical_content_is_stored_once(db):
    data = samples.build_pdf(["same"])

    first = store_blob(stage(data, "a.pdf"))
    second = store_blob(stage(data, "b.pdf"))

    assert first.pk == second.pk
    assert Blob.objects.count() == 1
    assert stored_files() == [storage_name_for(first.sha256)]


def test_blob_is_stored_under_its_content_hash(db):
    blob = store_blob(stage(b"hello", "a.txt"))

    assert blob.storage_name == (
        f"blobs/{blob.sha256[:2]}/{blob.sha256[2:4]}/{blob.sha256}"
    )
    assert default_storage.open(blob.storage_name).read() == b"hello"


def test_rolled_back_transaction_leaves_no_orphan_file(db):
    with pytest.raises(RuntimeError), atomic_with_files():
        store_blob(stage(b"orphan?", "a.txt"))
        raise RuntimeError("the record could not be saved")

    assert Blob.objects.count() == 0
    assert stored_files() == []


def test_temporary_file_is_removed_after_storing(db):
    staged = stage_upload(source=io.BytesIO(b"temp"), filename="a.txt")

    store_blob(staged)

    assert staged.path.exists() is False


def test_truncated_mp4_is_refused(db):
    with pytest.raises(UploadRejected):
        stage(samples.mp4_bytes()[:-10], "film.mp4")


def test_odp_is_recognised_by_its_mimetype_entry(db):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<office:document-content/>")

    staged = stage(buffer.getvalue(), "slides.odp")

    assert staged.kind == "odp"
    staged.discard()


def test_archive_with_a_damaged_compressed_part_is_refused(db):
    # A corrupt deflate stream in [Content_Types].xml made zipfile raise
    # zlib.error, which reached the API as a server error.
    data = bytearray(samples.docx_bytes(["A paragraph."]))
    start = data.index(b"[Content_Types].xml") + len(b"[Content_Types].xml")
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0x55

    with pytest.raises(UploadRejected, match="is not a valid DOCX file"):
        stage(bytes(data), "damaged.docx")

    assert Blob.objects.count() == 0
