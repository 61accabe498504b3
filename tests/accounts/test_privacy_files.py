"""The person's own files as a streamed ZIP beside the JSON export (issue 9,
point 10)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from ecoc_hub.accounts import privacy
from ecoc_hub.accounts.privacy import PersonalFile, stream_files_zip

pytestmark = pytest.mark.django_db


def _zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _manifest(archive: zipfile.ZipFile) -> dict:
    return json.loads(archive.read("manifest.json"))


def test_the_zip_holds_the_photo_and_a_manifest_streamed_as_an_attachment(
    member_client, member
):
    member.photo.save("face.jpg", ContentFile(b"\xff\xd8 a photo \xff\xd9"))

    response = member_client.get(reverse("accounts:privacy_export_files"))

    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="ecoc-hub-my-files-'
    )
    assert response["Cache-Control"].startswith("max-age=0")
    archive = _zip_of(response)
    assert archive.testzip() is None
    photo = f"profile/{Path(member.photo.name).name}"
    assert archive.namelist() == [photo, "manifest.json"]
    assert archive.read(photo) == b"\xff\xd8 a photo \xff\xd9"
    manifest = _manifest(archive)
    assert manifest["format"] == "ecoc-hub-personal-files/1"
    assert manifest["files"] == [
        {
            "path": photo,
            "size": 13,
            "sha256": None,
            "what": "profile photo",
            "included": True,
        }
    ]


def test_a_person_without_files_gets_a_zip_with_only_the_manifest(member_client):
    archive = _zip_of(member_client.get(reverse("accounts:privacy_export_files")))

    assert archive.namelist() == ["manifest.json"]
    assert _manifest(archive)["files"] == []


def test_the_privacy_page_offers_the_zip_only_when_there_are_files(
    member_client, member
):
    page = member_client.get(reverse("accounts:privacy")).content.decode()
    assert "You have not uploaded any files." in page
    assert reverse("accounts:privacy_export_files") not in page

    member.photo.save("face.jpg", ContentFile(b"photo"))
    page = member_client.get(reverse("accounts:privacy")).content.decode()
    assert reverse("accounts:privacy_export_files") in page
    assert "A ZIP file with the file you uploaded" in page


def test_a_visitor_gets_no_zip(client):
    response = client.get(reverse("accounts:privacy_export_files"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_file_the_storage_lost_is_listed_as_missing(member_client, member):
    member.photo.save("face.jpg", ContentFile(b"photo"))
    default_storage.delete(member.photo.name)

    archive = _zip_of(member_client.get(reverse("accounts:privacy_export_files")))

    assert archive.namelist() == ["manifest.json"]
    [entry] = _manifest(archive)["files"]
    assert entry["included"] is False


def test_a_big_file_streams_in_chunks_with_bounded_memory(tmp_path):
    content = os.urandom(12 * 1024 * 1024)  # random: deflate cannot shrink it
    name = default_storage.save("test/big.bin", ContentFile(content))
    files = [
        PersonalFile(
            path="library/big.bin",
            storage_name=name,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
    ]
    target = tmp_path / "out.zip"
    del content

    tracemalloc.start()
    try:
        biggest = 0
        with target.open("wb") as out:
            for chunk in stream_files_zip(files):
                biggest = max(biggest, len(chunk))
                out.write(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert biggest <= 2 * privacy.CHUNK
    assert peak < 4 * 1024 * 1024, peak
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        with archive.open("library/big.bin") as inside:
            digest = hashlib.file_digest(inside, "sha256").hexdigest()
        assert digest == files[0].sha256
        assert archive.getinfo("library/big.bin").file_size == 12 * 1024 * 1024


@pytest.mark.parametrize(
    "path", ["../etc/passwd", "profile/../../x", "library/a.pdf", "/profile/x"]
)
def test_a_lister_cannot_write_outside_its_own_folder(member, monkeypatch, path):
    monkeypatch.setattr(privacy, "_file_listers", {})
    privacy.register_file_lister(
        "profile", lambda user: [PersonalFile(path=path, storage_name="x", size=0)]
    )

    with pytest.raises(ValueError, match="unsafe path"):
        privacy.personal_files(member)
