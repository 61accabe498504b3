"""The hostile corpus (tests/library/hostile.py) through the real upload path.

Each of the 300-odd generated files is uploaded through the API, as an
attacker would, and extracted by the real worker code in its limited child
process. Whatever the file: no server error, nothing over 60 seconds, nothing
accepted that must be refused, a clear problem+json message for what is
refused and nothing stored for it, no file read through an XML entity, no
file written outside the store, no temporary file left behind, and no growth
of the web process beyond the configured memory limit.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoc_hub.api import services as api_services
from ecoc_hub.library import services
from ecoc_hub.library.models import Blob, FilePage, ResourceFile

from .hostile import ACCEPT, PASSWD_MARKER, REFUSE, corpus

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Smaller archive limits than the defaults keep the zip bombs cheap to build;
# the check is the same code.
ZIP_LIMIT_MB = 20
ZIP_MAX_FILES = 500
CASES = corpus(
    zip_limit_mb=ZIP_LIMIT_MB,
    zip_max_files=ZIP_MAX_FILES,
    text_limit_mb=settings.ECOC_HUB_UPLOAD_LIMITS_MB["text"],
)
ESCAPE = Path("/tmp/ecoc-hostile-escape.txt")  # noqa: S108 - must never appear
SECONDS = 60


def test_the_corpus_is_large_and_covers_every_accepted_type():
    from ecoc_hub.library.files import EXTENSIONS

    assert len(CASES) >= 300
    covered = {case.filename.rsplit(".", 1)[-1].lower() for case in CASES}
    aliases = {"htm", "markdown", "jpeg"}  # the same checks as html, md, jpg
    assert set(EXTENSIONS) - aliases <= covered


@pytest.fixture
def upload_url(member):
    draft = services.create_draft(
        owner=member, title="Hostile corpus", values={"languages": ["en"]}
    )
    return f"/api/v1/resources/{draft.uuid}/files"


@pytest.fixture
def token(member):
    return api_services.create_token(user=member, name="hostile corpus").secret


@pytest.fixture
def own_tempdir(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_hostile_upload_is_refused_or_handled(
    case, client, settings, upload_url, token, own_tempdir
):
    settings.ECOC_HUB_ZIP_MAX_UNPACKED_MB = ZIP_LIMIT_MB
    settings.ECOC_HUB_ZIP_MAX_FILES = ZIP_MAX_FILES
    data = case.build()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    started = time.monotonic()
    response = client.post(
        upload_url,
        {"file": SimpleUploadedFile(case.filename, data)},
        headers={"Authorization": f"Bearer {token}"},
    )
    elapsed = time.monotonic() - started

    assert response.status_code < 500, response.content[:300]
    assert elapsed < SECONDS
    accepted = response.status_code == 201
    if case.verdict == REFUSE:
        assert not accepted, "a file that must be refused was accepted"
    if case.verdict == ACCEPT:
        assert accepted, response.content[:300]
    if accepted:
        file = ResourceFile.objects.get()
        assert file.extraction_status in {"ok", "failed", "skipped"}
        if file.extraction_status == "failed":
            assert file.extraction_error
            assert "Traceback" not in file.extraction_error
    else:
        assert response.status_code in {400, 413}
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"]
        assert ResourceFile.objects.count() == 0
        assert Blob.objects.count() == 0
    texts = FilePage.objects.values_list("text", flat=True)
    assert not any(PASSWD_MARKER in text for text in texts)
    assert not ESCAPE.exists()
    assert sorted(p.name for p in own_tempdir.glob("upload-*")) == []
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < settings.ECOC_HUB_EXTRACTION_MEMORY_MB * 1024
