"""A throw-away PostgreSQL primary and its streaming replica, for tests.

``replica_pair()`` makes a primary with ``initdb`` on a free loopback port,
copies it with ``pg_basebackup -R`` into a standby on another port and
starts both; leaving the context stops them and removes their files. The
servers are the machine's own PostgreSQL binaries (``pg_config --bindir``),
run as the ``postgres`` user when the tests run as root (PostgreSQL refuses
to run as root). Nothing outside a temporary directory is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def bindir() -> Path | None:
    """The directory of initdb, pg_ctl and pg_basebackup, if installed."""
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        found = str(candidates[-1]) if candidates else ""
    path = Path(found) if found else None
    if path and all(
        (path / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup")
    ):
        return path
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Pair:
    primary_url: str
    replica_url: str
    primary_port: int
    replica_port: int


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextlib.contextmanager
def replica_pair(timeout: float = 120) -> Iterator[Pair]:
    tools = bindir()
    if tools is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_basebackup) not found"
        )
    root = Path(tempfile.mkdtemp(prefix="ecoc-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    run = _as_postgres()
    primary, replica = root / "primary", root / "replica"
    p_port, r_port = _free_port(), _free_port()

    def sh(*args: str | Path) -> None:
        subprocess.run(  # noqa: S603
            [*run, *map(str, args)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    started: list[Path] = []
    try:
        sh(
            tools / "initdb",
            "-D",
            primary,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        settings = (
            f"\nport = {p_port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{root}'\nwal_level = replica\n"
            "max_wal_senders = 4\nfsync = off\nsynchronous_commit = off\n"
            "full_page_writes = off\nshared_buffers = 32MB\n"
        )
        sh("sh", "-c", f'printf %s "{settings}" >> {primary}/postgresql.conf')
        sh(tools / "pg_ctl", "-D", primary, "-l", root / "primary.log", "-w", "start")
        started.append(primary)
        sh(
            tools / "pg_basebackup", "-h", "127.0.0.1", "-p", str(p_port),
            "-U", "postgres", "-D", replica, "-R", "-X", "stream", "--no-sync",
        )  # fmt: skip
        sh("sh", "-c", f'printf %s "\nport = {r_port}\n" >> {replica}/postgresql.conf')
        sh(tools / "pg_ctl", "-D", replica, "-l", root / "replica.log", "-w", "start")
        started.append(replica)
        yield Pair(
            primary_url=f"postgres://postgres@127.0.0.1:{p_port}/postgres",
            replica_url=f"postgres://postgres@127.0.0.1:{r_port}/postgres",
            primary_port=p_port,
            replica_port=r_port,
        )
    finally:
        for data in reversed(started):
            with contextlib.suppress(Exception):
                sh(tools / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                shutil.rmtree(root)
                break
            except OSError:
                time.sleep(0.2)
