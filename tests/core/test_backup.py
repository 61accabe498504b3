"""``ecoc-hub backup`` and ``restore`` for real, in subprocesses.

Each test makes a site in its own data directory (and, when the suite runs on
PostgreSQL, its own database), fills it through the services, backs it up
and restores it into a second, empty site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
FILL = """
from tests.factories import UserFactory
from tests.library.conftest import make_resource
owner = UserFactory(email="owner@example.org", display_name="Olga Owner")
make_resource(owner=owner, title="Backed-up toolkit", pages=["zythophilia page"])
make_resource(owner=owner, title="Second toolkit", state="draft", pages=["two"])
from ecoc_hub.certificates.keys import current_key
current_key()  # the signing key certificates are checked against
"""


class Site:
    made: subprocess.CompletedProcess

    def __init__(self, root: Path, database_url: str | None) -> None:
        self.data = root / "data"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTEST_VERSION", "DEBUG", "DATABASE_URL", "SECRET_KEY"}
        }
        self.env["ECOC_HUB_DATA_DIR"] = str(self.data)
        self.env["TASKS_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
        # The source tree under test first (a worktree's src, then the repo).
        self.env["PYTHONPATH"] = os.pathsep.join(
            part for part in (os.environ.get("PYTHONPATH"), str(REPO)) if part
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [sys.executable, "-m", "ecoc_hub", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def files(self) -> dict[str, bytes]:
        media = self.data / "media"
        return {
            str(path.relative_to(media)): path.read_bytes()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        }

    def keys(self) -> dict[str, bytes]:
        folder = self.data / "certificate-keys"
        return {path.name: path.read_bytes() for path in sorted(folder.glob("*"))}

    def records(self) -> list[dict]:
        out = self.run("dumpdata", "--exclude", "sessions", "--indent", "0").stdout
        return sorted(json.loads(out), key=lambda row: (row["model"], str(row["pk"])))


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[str | None, str | None, str | None]]:
    """Three empty databases of the suite's kind: none for SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None, None, None
        return
    config = dj_database_url.parse(url)
    names = [f"ecoc_backup_{uuid.uuid4().hex[:8]}_{side}" for side in "abc"]
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}", f"{base}/{names[2]}"
    finally:
        with psycopg.connect(**params) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("backup")


@pytest.fixture(scope="module")
def source(root, databases) -> Site:
    """A filled site and its backup (in ``root / "backup"``), made once."""
    site = Site(root / "a", databases[0])
    site.run("migrate", "--no-input")
    site.run("shell", "-c", FILL)
    site.made = site.run("backup", str(root / "backup"))
    return site


def test_restore_gives_byte_identical_files_and_the_same_records(
    root, source, databases
):
    target = Site(root / "b", databases[1])
    backup = root / "backup"

    verified = target.run("restore", "--verify-only", str(backup))
    assert verified.stdout.startswith("The backup is intact: the database and ")
    assert target.files() == {}
    restored = target.run("restore", str(backup))

    assert source.made.stdout.startswith(f"Backup written to {backup}: the database")
    assert restored.stdout.startswith("Restored the database and ")
    assert target.files() == source.files()
    assert len(source.files()) >= 3  # two PDFs and at least one thumbnail
    assert target.records() == source.records()
    assert (target.data / "secret_key").read_text() == (
        source.data / "secret_key"
    ).read_text()
    assert target.keys() == source.keys()
    assert len(source.keys()) == 1
    key = next((target.data / "certificate-keys").glob("*.pem"))
    assert key.stat().st_mode & 0o777 == 0o600
    manifest = json.loads((backup / "manifest.json").read_text())
    assert sorted(entry["name"] for entry in manifest["files"]) == sorted(
        source.files()
    )
    assert manifest["missing_at_backup"] == []


def test_a_damaged_backup_is_refused_and_changes_nothing(root, source, databases):
    damaged_copy = root / "damaged"
    shutil.copytree(root / "backup", damaged_copy)
    manifest = json.loads((damaged_copy / "manifest.json").read_text())
    damaged = damaged_copy / "files" / manifest["files"][0]["name"]
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"?")
    target = Site(root / "c", databases[2])

    result = target.run("restore", str(damaged_copy), check=False)

    assert result.returncode == 1
    assert "The backup is damaged: 1 parts do not match their checksum" in (
        result.stderr
    )
    assert target.files() == {}
    assert target.run("showmigrations", "--plan").stdout.count("[X]") == 0


def test_restore_refuses_a_site_that_holds_data(root, source):
    result = source.run("restore", str(root / "backup"), check=False)

    assert result.returncode == 1
    assert "This site already holds data" in result.stderr


def test_backup_refuses_a_folder_that_is_not_empty(root, source):
    backup = root / "occupied"
    backup.mkdir()
    (backup / "keep.txt").write_text("mine")

    result = source.run("backup", str(backup), check=False)

    assert result.returncode == 1
    assert "is not empty: choose a new folder" in result.stderr
    assert sorted(p.name for p in backup.iterdir()) == ["keep.txt"]
    assert sorted(p.name for p in root.iterdir() if "partial" in p.name) == []
