"""Online backup and verified restore of the database and every stored file.

A backup is a folder:

    manifest.json     what is in it, with the SHA-256 and size of each part
    database.sqlite3  SQLite's own online copy (the backup API), or
    database.pgdump   ``pg_dump --format=custom`` of the PostgreSQL database
    secret_key        the data directory's generated key, when the site uses one
    files/<name>      each file of the default storage under its storage name
    private/<kind>/…  owner-only files an app keeps outside the storage (the
                      certificate signing keys), registered with
                      ``register_private_dir``

The database is copied first and the files after it: files are written
before the rows that point to them and never change under their name, so
every file the copied rows name is in the store by then. Restore checks
every checksum before it writes anything, refuses a target that already
holds data, and checks the files again once they are in place.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from . import storedfiles
from .progress import progress_bar

FORMAT = "ecoc-hub-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES = "files"
PRIVATE = "private"

# kind -> function returning the folder; see register_private_dir.
_private_dirs: dict[str, Callable[[], Path]] = {}


def register_private_dir(kind: str, folder: Callable[[], Path]) -> None:
    """Back up and restore the files of ``folder()`` with owner-only rights.

    For secrets an app keeps outside the storage and cannot recreate, such as
    the keys that sign certificates: without them, credentials issued before
    a restore could no longer be checked against the published key set.
    """
    _private_dirs[kind] = folder


def _copy_private(src: Path, dest: Path) -> None:
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(0o600)


def _back_up_private(dest: Path) -> list[dict[str, Any]]:
    entries = []
    for kind, folder in sorted(_private_dirs.items()):
        directory = folder()
        if not directory.is_dir():
            continue
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            relative = f"{PRIVATE}/{kind}/{path.relative_to(directory).as_posix()}"
            _copy_private(path, dest / relative)
            sha, size = _hash_path(dest / relative)
            entries.append({"file": relative, "size": size, "sha256": sha})
    return entries


def _restore_private(src: Path, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        _prefix, kind, rest = entry["file"].split("/", 2)
        if kind not in _private_dirs:
            raise BackupError(
                _("The backup holds %(kind)s files that this site does not use.")
                % {"kind": kind}
            )
        directory = _private_dirs[kind]()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        _copy_private(src / entry["file"], directory / rest)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Summary:
    path: Path
    files: int
    bytes: int


def _hash_path(path: Path) -> tuple[str, int]:
    with path.open("rb") as handle:
        return storedfiles.sha256_of(handle)


def _pg_environment() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--host", str(db.get("HOST") or "127.0.0.1")]
    args += ["--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(command)s failed: %(error)s")
            % {"command": command[0], "error": result.stderr.strip()}
        )


def _dump_database(dest: Path) -> Path:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = dest / "database.sqlite3"
        copy = sqlite3.connect(target)
        try:
            # The backup API copies a consistent snapshot while others write.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    if connection.vendor == "postgresql":
        target = dest / "database.pgdump"
        env, args = _pg_environment()
        name = str(settings.DATABASES["default"]["NAME"])
        _run(["pg_dump", *args, "--format=custom", "--no-owner",
              "--file", str(target), name], env)  # fmt: skip
        return target
    raise BackupError(
        _("Backups of %(vendor)s databases are not supported.")
        % {"vendor": connection.vendor}
    )


def _migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = name
    return latest


def create_backup(dest: Path, *, stream: Any = None) -> Summary:
    """Copy the database and every stored file into the new folder ``dest``."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(
            _("%(path)s is not empty: choose a new folder.") % {"path": dest}
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the destination and renamed at the end, so that a backup
    # cut short never looks like a complete one.
    partial = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    try:
        summary = _write_backup(partial, stream=stream)
        if dest.exists():
            dest.rmdir()
        partial.rename(dest)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Summary(path=dest, files=summary.files, bytes=summary.bytes)


def _write_backup(dest: Path, *, stream: Any) -> Summary:
    database = _dump_database(dest)
    db_sha, db_size = _hash_path(database)
    names = list(storedfiles.walk(default_storage))
    entries: list[dict[str, Any]] = []
    with progress_bar(
        description=_("Copying files"), total=len(names), stream=stream
    ) as bar:
        for name in names:
            target = dest / FILES / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, storedfiles.CHUNK)
            sha, size = _hash_path(target)
            entries.append({"name": name, "size": size, "sha256": sha})
            bar.advance()
    key_file = settings.DATA_DIR / "secret_key"
    secret = None
    if key_file.is_file() and not os.environ.get("SECRET_KEY"):
        # Without the same key, signed links and sessions of the site break.
        shutil.copyfile(key_file, dest / "secret_key")
        (dest / "secret_key").chmod(0o600)
        secret_sha, secret_size = _hash_path(dest / "secret_key")
        secret = {"file": "secret_key", "size": secret_size, "sha256": secret_sha}
    private = _back_up_private(dest)
    recorded = storedfiles.inventory()
    absent = sorted(set(recorded) - set(names))
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": {
            "vendor": connection.vendor,
            "file": database.name,
            "size": db_size,
            "sha256": db_sha,
        },
        "secret_key": secret,
        "private": private,
        "migrations": _migrations(),
        "files": entries,
        # Files that records name but the store lacked (fixity reports them).
        "missing_at_backup": absent,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return Summary(path=dest, files=len(entries), bytes=sum(e["size"] for e in entries))


def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(
            _("%(path)s holds no backup: %(file)s is missing.")
            % {"path": src, "file": MANIFEST}
        ) from error
    except ValueError as error:
        raise BackupError(_("The backup's manifest is not valid JSON.")) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(_("This is not a backup this version can restore."))
    return manifest


def verify_backup(src: Path, *, stream: Any = None) -> dict[str, Any]:
    """Check every part of the backup against its manifest, or raise."""
    manifest = read_manifest(src)
    parts = [(manifest["database"]["file"], manifest["database"])]
    if manifest.get("secret_key"):
        parts.append((manifest["secret_key"]["file"], manifest["secret_key"]))
    parts += [(entry["file"], entry) for entry in manifest.get("private", [])]
    parts += [(f"{FILES}/{entry['name']}", entry) for entry in manifest["files"]]
    bad = []
    with progress_bar(
        description=_("Verifying backup"), total=len(parts), stream=stream
    ) as bar:
        for relative, entry in parts:
            path = src / relative
            unsafe = ".." in Path(relative).parts or not path.is_file()
            if unsafe or _hash_path(path) != (entry["sha256"], entry["size"]):
                bad.append(relative)
            bar.advance()
    if bad:
        raise BackupError(
            _(
                "The backup is damaged: %(count)d parts do not match their "
                "checksum: %(names)s"
            )
            % {"count": len(bad), "names": ", ".join(bad[:10])}
        )
    return manifest


def _target_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if tables:
        return False
    return not any(True for _name in storedfiles.walk(default_storage))


def _restore_database(src: Path, manifest: dict[str, Any]) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _("The backup is of a %(backup)s database; this site uses %(site)s.")
            % {"backup": vendor, "site": connection.vendor}
        )
    dump = src / manifest["database"]["file"]
    if vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    env, args = _pg_environment()
    name = str(settings.DATABASES["default"]["NAME"])
    connection.close()
    _run(["pg_restore", *args, "--no-owner", "--exit-on-error",
          "--dbname", name, str(dump)], env)  # fmt: skip


def restore_backup(src: Path, *, stream: Any = None) -> Summary:
    """Restore a verified backup into an empty site, then check the files."""
    manifest = verify_backup(src, stream=stream)
    if not _target_is_empty():
        raise BackupError(
            _(
                "This site already holds data: restore only into an empty data "
                "directory and database."
            )
        )
    _restore_database(src, manifest)
    if manifest.get("secret_key") and not os.environ.get("SECRET_KEY"):
        target = settings.DATA_DIR / "secret_key"
        shutil.copyfile(src / manifest["secret_key"]["file"], target)
        target.chmod(0o600)
    _restore_private(src, manifest.get("private", []))
    entries = manifest["files"]
    with progress_bar(
        description=_("Restoring files"), total=len(entries), stream=stream
    ) as bar:
        for entry in entries:
            with (src / FILES / entry["name"]).open("rb") as handle:
                saved = default_storage.save(entry["name"], File(handle))
            if saved != entry["name"]:
                raise BackupError(
                    _("%(name)s could not be restored under its own name.")
                    % {"name": entry["name"]}
                )
            with default_storage.open(saved, "rb") as handle:
                if storedfiles.sha256_of(handle) != (entry["sha256"], entry["size"]):
                    raise BackupError(
                        _("%(name)s changed while it was restored.")
                        % {"name": entry["name"]}
                    )
            bar.advance()
    return Summary(path=src, files=len(entries), bytes=sum(e["size"] for e in entries))
