"""``ecoc-hub fixity``: stored files re-hashed against their records."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from ecoc_hub.core import fixity, storedfiles
from ecoc_hub.core.health import check_fixity
from ecoc_hub.core.models import FixityCheck, FixityRun
from ecoc_hub.library.models import Blob
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


def _path(blob: Blob) -> Path:
    return Path(settings.MEDIA_ROOT) / blob.storage_name


@pytest.fixture
def blob(member) -> Blob:
    resource = make_resource(owner=member, state="draft")
    return resource.files.get().blob


def test_inventory_lists_every_library_blob_with_its_hash(blob):
    files = storedfiles.inventory()

    assert files[blob.storage_name] == storedfiles.StoredFile(
        name=blob.storage_name, sha256=blob.sha256
    )


def test_intact_files_are_recorded_as_intact(blob):
    run = fixity.run_fixity()

    check = FixityCheck.objects.get(storage_name=blob.storage_name)
    assert (check.status, check.found_sha256) == ("ok", blob.sha256)
    assert (run.checked, run.changed, run.missing) == (
        len(storedfiles.inventory()),
        0,
        0,
    )
    assert run.finished_at is not None


def test_a_changed_byte_is_reported_as_changed(blob):
    data = bytearray(_path(blob).read_bytes())
    data[-1] ^= 0xFF
    _path(blob).write_bytes(bytes(data))

    run = fixity.run_fixity()

    check = FixityCheck.objects.get(storage_name=blob.storage_name)
    assert check.status == "changed"
    assert check.expected_sha256 == blob.sha256
    assert check.found_sha256 != blob.sha256
    assert run.changed == 1


def test_a_deleted_file_is_reported_as_missing_and_fails_health(blob):
    _path(blob).unlink()

    run = fixity.run_fixity()

    assert FixityCheck.objects.get(storage_name=blob.storage_name).status == "missing"
    assert run.missing == 1
    ok, detail = check_fixity()
    assert ok is False
    assert detail.startswith("0 changed, 1 missing (last run ")


def test_health_reports_the_last_run(client, blob):
    assert client.get("/health").json()["checks"]["fixity"] == {
        "ok": True,
        "detail": "never run",
    }

    fixity.run_fixity()

    detail = client.get("/health").json()["checks"]["fixity"]["detail"]
    count = len(storedfiles.inventory())
    assert detail.endswith(f": {count} files intact")


def test_a_sample_checks_the_files_that_waited_longest(member):
    first = make_resource(owner=member, state="draft", pages=["one"]).files.get()
    second = make_resource(owner=member, state="draft", pages=["two"]).files.get()
    fixity.run_fixity()
    FixityCheck.objects.filter(storage_name=second.blob.storage_name).update(
        checked_at=timezone.now() - timedelta(days=30)
    )
    before = FixityCheck.objects.get(storage_name=first.blob.storage_name).checked_at

    run = fixity.run_fixity(sample=1)

    assert run.checked == 1
    assert FixityCheck.objects.get(
        storage_name=second.blob.storage_name
    ).checked_at > timezone.now() - timedelta(minutes=1)
    assert (
        FixityCheck.objects.get(storage_name=first.blob.storage_name).checked_at
        == before
    )


def test_an_unfinished_full_run_is_resumed(member):
    first = make_resource(owner=member, state="draft", pages=["one"]).files.get()
    make_resource(owner=member, state="draft", pages=["two"])
    unfinished = FixityRun.objects.create(
        scope="all", started_at=timezone.now() - timedelta(minutes=5), checked=1
    )
    FixityCheck.objects.create(
        storage_name=first.blob.storage_name,
        expected_sha256=first.blob.sha256,
        found_sha256=first.blob.sha256,
        status="ok",
        checked_at=timezone.now(),
    )

    run = fixity.run_fixity()

    assert run.pk == unfinished.pk
    assert run.checked == len(storedfiles.inventory())
    assert FixityRun.objects.count() == 1


def test_a_file_without_a_recorded_hash_is_compared_with_its_last_hash(
    member, tmp_path
):
    name = "profiles/2026/photo.jpg"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first")
    stored = storedfiles.StoredFile(name=name)
    first = fixity.check_file(stored)
    path.write_bytes(b"second")

    second = fixity.check_file(stored, previous=first.found)

    assert (first.status, second.status) == ("ok", "changed")


def test_the_command_lists_damaged_files_and_exits_non_zero(blob):
    _path(blob).unlink()
    out = StringIO()

    with pytest.raises(CommandError, match="1 stored files are damaged or missing"):
        call_command("fixity", stdout=out)

    assert f"Missing: {blob.storage_name}" in out.getvalue().splitlines()


def test_the_command_refuses_an_empty_sample(blob):
    with pytest.raises(CommandError, match="--sample must be at least 1"):
        call_command("fixity", "--sample", "0")
