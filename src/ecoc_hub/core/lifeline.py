"""Child processes that die with their parent, and temporary directories that
do not outlive the process that made them (issue 11, defects 3 and 11).

``ecoc-hub serve`` starts gunicorn and the task worker. When ``serve`` is
killed with SIGKILL it cannot stop them, so each child must notice on its
own. On Linux the kernel tells it: ``PR_SET_PDEATHSIG`` (set through
``prctl`` in the child between fork and exec) sends the child SIGTERM when
its parent dies. Elsewhere the parent holds the write end of a pipe whose
read end the children inherit; a thread in each child waits on it and stops
its process when it reads end-of-file, which happens when the parent is
gone, however it died.

A killed process also leaves its temporary files behind, among them the
``pymp-*`` directories of multiprocessing (the extraction children's
forkserver). Each long-running process therefore works in a temporary
directory of its own under ``DATA_DIR/tmp``, named after its process id and
start time, and every start removes the directories of processes that no
longer run.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

# Set by the parent in the environment of a child that must watch the pipe.
PARENT_FD_ENV = "ECOC_HUB_PARENT_FD"
# "pipe" forces the portable mechanism on Linux too (the tests use it).
MODE_ENV = "ECOC_HUB_LIFELINE"
PR_SET_PDEATHSIG = 1


def has_pdeathsig() -> bool:
    return sys.platform.startswith("linux") and os.environ.get(MODE_ENV) != "pipe"


def die_with_parent_preexec() -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets SIGTERM when
    this process dies. Runs in the child after fork, before exec."""
    parent = os.getpid()

    def preexec() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            os._exit(126)
        # The parent may have died between fork and prctl: then no signal
        # will ever come, so do not start at all.
        if os.getppid() != parent:
            os._exit(1)

    return preexec


class Lifeline:
    """How a parent makes its children die with it; one per parent."""

    def __init__(self) -> None:
        self.pipe: tuple[int, int] | None = None
        if not has_pdeathsig():
            self.pipe = os.pipe()  # both ends non-inheritable by default

    def popen_options(self, env: dict[str, str]) -> dict[str, object]:
        """Keyword arguments for ``subprocess.Popen`` of one child."""
        if self.pipe is None:
            return {"preexec_fn": die_with_parent_preexec()}
        read_end = self.pipe[0]
        env[PARENT_FD_ENV] = str(read_end)
        return {"pass_fds": (read_end,)}

    def close(self) -> None:
        if self.pipe is not None:
            for fd in self.pipe:
                os.close(fd)
            self.pipe = None


def watch_parent(on_parent_gone: Callable[[], None] | None = None) -> bool:
    """In a child: stop this process when the parent's pipe closes.

    Does nothing (and returns False) when no pipe was handed down, which is
    the case on Linux, where the kernel's signal does the job.
    """
    value = os.environ.pop(PARENT_FD_ENV, "")
    if not value.isdigit():
        return False
    fd = int(value)

    def stop() -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    def wait() -> None:
        while True:
            try:
                if os.read(fd, 1) == b"":
                    break
            except InterruptedError:
                continue
            except OSError:
                break
        (on_parent_gone or stop)()

    threading.Thread(target=wait, name="parent-watch", daemon=True).start()
    return True


# Temporary directories -----------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), which
    tells a live process from a later one that reused its id."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":
        return None
    return fields[19]


def _is_alive(pid: int, started: str) -> bool:
    if Path("/proc/self/stat").exists():
        return _start_time(pid) == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _own_name(kind: str) -> str:
    pid = os.getpid()
    return f"{kind}-{pid}-{_start_time(pid) or int(time.time())}"


def clean_stale_tmpdirs(root: Path) -> list[Path]:
    """Remove the temporary directories of processes that no longer run."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for entry in root.iterdir():
        parts = entry.name.rsplit("-", 2)
        if len(parts) != 3 or not parts[1].isdigit() or not entry.is_dir():
            continue
        if _is_alive(int(parts[1]), parts[2]):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


# A Unix socket's path has at most 107 bytes (sun_path, 108 with the NUL);
# multiprocessing puts the forkserver's at <tmpdir>/pymp-XXXXXXXX/listener-XXXXXXXX.
AF_UNIX_PATH_MAX = 107
SOCKET_SUFFIX = len("/pymp-12345678/listener-12345678")
# Where the directories go when DATA_DIR/tmp is too deep for that.
SHORT_ROOT = Path("/tmp/ecoc-hub-tmp")  # noqa: S108


def fits_a_socket(directory: Path) -> bool:
    """Whether multiprocessing can make its sockets under ``directory``."""
    return len(os.fsencode(directory)) + SOCKET_SUFFIX <= AF_UNIX_PATH_MAX


def use_private_tmpdir(root: Path, kind: str) -> Path:
    """Make this process (and what it starts) use a temporary directory of its
    own under ``root``, after removing the stale ones of dead processes.

    If ``root`` is so deep that the extraction forkserver's socket could not
    be made under it (every extraction would fail with "AF_UNIX path too
    long"), the directory is made under ``SHORT_ROOT`` instead.
    """
    if not fits_a_socket(root / _own_name(kind)):
        root = SHORT_ROOT
    root.mkdir(parents=True, exist_ok=True)
    clean_stale_tmpdirs(root)
    own = root / _own_name(kind)
    own.mkdir(exist_ok=True)
    os.environ["TMPDIR"] = str(own)
    tempfile.tempdir = str(own)
    return own
