"""Temporary directories of dead processes are removed at start-up, and a
child started through the lifeline dies with its parent."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ecoc_hub.core import lifeline


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def _stale_dir(root: Path, kind: str, pid: int, started: str) -> Path:
    directory = root / f"{kind}-{pid}-{started}"
    (directory / "pymp-abc123").mkdir(parents=True)
    (directory / "pymp-abc123" / "listener-x").write_text("")
    return directory


def test_directories_of_processes_that_no_longer_run_are_removed(tmp_path):
    dead = _stale_dir(tmp_path, "worker", _dead_pid(), "12345")
    own_start = lifeline._start_time(os.getpid())
    assert own_start is not None
    alive = _stale_dir(tmp_path, "serve", os.getpid(), own_start)
    # The same id as this process but another start time: a process that had
    # this id before, now gone.
    reused = _stale_dir(tmp_path, "serve", os.getpid(), str(int(own_start) - 1))
    unrelated = tmp_path / "notes"
    unrelated.mkdir()

    removed = lifeline.clean_stale_tmpdirs(tmp_path)

    assert sorted(removed) == sorted([dead, reused])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, unrelated.name]
    )


@pytest.fixture
def short_dir():
    """A directory whose path is short enough for a socket under it
    (pytest's tmp_path may not be)."""
    path = Path(tempfile.mkdtemp(prefix="ll-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_process_gets_its_own_temporary_directory(short_dir, monkeypatch):
    tmp_path = short_dir
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setenv("TMPDIR", os.environ.get("TMPDIR", "/tmp"))  # noqa: S108
    stale = _stale_dir(tmp_path, "worker", _dead_pid(), "1")

    own = lifeline.use_private_tmpdir(tmp_path, "worker")

    assert not stale.exists()
    assert own.parent == tmp_path
    assert own.name == f"worker-{os.getpid()}-{lifeline._start_time(os.getpid())}"
    assert tempfile.gettempdir() == str(own)
    assert os.environ["TMPDIR"] == str(own)


CHILD = """
import os, signal, sys, time
from ecoc_hub.core.lifeline import Lifeline
import subprocess
line = Lifeline()
env = dict(os.environ)
options = line.popen_options(env)
grandchild = subprocess.Popen(
    [sys.executable, "-c",
     "from ecoc_hub.core.lifeline import watch_parent; import time;"
     "watch_parent(); time.sleep(60)"],
    env=env, **options,
)
print(grandchild.pid, flush=True)
time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("mode", ["kernel", "pipe"])
def test_a_child_dies_when_its_parent_is_killed(mode):
    env = dict(os.environ)
    env.pop(lifeline.MODE_ENV, None)
    if mode == "pipe":
        env[lifeline.MODE_ENV] = "pipe"
    parent = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
    )
    grandchild = int(parent.stdout.readline())  # type: ignore[union-attr]
    time.sleep(1)  # the grandchild has started its watch
    assert _running(grandchild)

    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(grandchild):
        time.sleep(0.05)

    assert not _running(grandchild)


def test_a_data_directory_too_deep_for_a_socket_gets_a_short_one(tmp_path, monkeypatch):
    """Under a deep DATA_DIR the extraction forkserver could not make its
    socket ("AF_UNIX path too long") and every extraction failed."""
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setenv("TMPDIR", os.environ.get("TMPDIR", "/tmp"))  # noqa: S108
    deep = tmp_path / ("d" * 80)

    own = lifeline.use_private_tmpdir(deep, "worker")

    try:
        assert own.parent == lifeline.SHORT_ROOT
        assert not deep.exists()
        # The longest path multiprocessing makes for the forkserver's socket.
        longest = own / "pymp-12345678" / "listener-12345678"
        longest.parent.mkdir()
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(longest))
    finally:
        shutil.rmtree(own, ignore_errors=True)
