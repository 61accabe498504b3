"""Background work: text extraction, thumbnails and durations of uploaded files."""

from __future__ import annotations

import base64
import functools
import json
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task

from . import extract
from .files import local_path, open_blob, store_bytes
from .models import FilePage, ResourceFile
from .search_index import index_resource

# Seconds of wall-clock time allowed beyond the CPU-time limit, for a child
# that waits instead of computing.
WALL_CLOCK_MARGIN = 10
SAMPLE_SECONDS = 0.25

logger = logging.getLogger(__name__)


class ExtractionFailed(Exception):
    pass


@functools.cache
def _extraction_context() -> ForkServerContext:
    """Processes forked from a server that has the extractors imported.

    The server is one clean, single-threaded interpreter started on first use;
    each file then gets a fresh process forked from it, which costs
    milliseconds instead of an interpreter start, and shares no memory,
    database connection or thread with the worker. ``__main__`` is preloaded
    too (as multiprocessing does by default), so that a child does not run
    the worker's main script again.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *extract.PRELOAD])
    return context


@dataclass
class Usage:
    """What the extraction child used, as last seen in /proc while it ran."""

    cpu_seconds: float = 0.0
    peak_memory_mb: float = 0.0

    def sample(self, pid: int | None) -> None:
        if pid is None:
            return
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            # After "pid (name)": state is field 3, utime and stime 14 and 15.
            fields = stat.rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
            self.cpu_seconds = max(self.cpu_seconds, ticks / os.sysconf("SC_CLK_TCK"))
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
                    self.peak_memory_mb = max(self.peak_memory_mb, peak)
        except (OSError, ValueError, IndexError):  # gone, or no /proc here
            pass


def _oom_kills() -> int | None:
    """How many processes of this cgroup the kernel's out-of-memory killer
    has ended (cgroup v2 ``memory.events``); None where that is not known."""
    try:
        line = Path("/proc/self/cgroup").read_text().splitlines()[0]
        events = Path("/sys/fs/cgroup") / line.split("::", 1)[1].lstrip("/")
        for entry in (events / "memory.events").read_text().splitlines():
            name, value = entry.split()
            if name == "oom_kill":
                return int(value)
    except (OSError, IndexError, ValueError):
        pass
    return None


class ExtractionStopped(ExtractionFailed):
    """The child ended without a result. ``retry`` is true when the file is
    not the cause (killed from outside, or by the system's out-of-memory
    killer), so that trying once more may succeed."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def _stopped(exitcode: int | None, usage: Usage, oom_killed: bool) -> ExtractionStopped:
    cpu = settings.ECOC_HUB_EXTRACTION_TIMEOUT
    memory = settings.ECOC_HUB_EXTRACTION_MEMORY_MB
    used = (
        f"after {usage.cpu_seconds:.1f} of the {cpu} seconds of processor time "
        f"allowed, using up to {usage.peak_memory_mb:.0f} of the {memory} MB "
        "of memory allowed"
    )
    # The kernel sends SIGXCPU at the processor-time limit and SIGKILL five
    # seconds later; a SIGKILL well before the limit came from elsewhere.
    at_cpu_limit = usage.cpu_seconds >= cpu - 1
    if exitcode == -signal.SIGXCPU or (exitcode == -signal.SIGKILL and at_cpu_limit):
        return ExtractionStopped(
            f"Extraction used more than {cpu} seconds of processor time "
            "and was stopped."
        )
    if exitcode == extract.EXIT_OUT_OF_MEMORY:
        return ExtractionStopped(
            f"Extraction stopped: it needed more than the {memory} MB of memory "
            "allowed."
        )
    if exitcode == -signal.SIGKILL:
        if oom_killed:
            return ExtractionStopped(
                "Extraction stopped: the system's out-of-memory killer ended it "
                f"(SIGKILL) {used}.",
                retry=True,
            )
        return ExtractionStopped(
            f"Extraction stopped: the extractor was killed (SIGKILL) {used}, "
            "not by one of these limits.",
            retry=True,
        )
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return ExtractionStopped(
            f"Extraction stopped: the extractor crashed ({name}) {used}."
        )
    return ExtractionStopped(f"Extraction stopped: exit status {exitcode}, no result.")


def extraction_limits() -> extract.Limits:
    return extract.Limits(
        pages=settings.ECOC_HUB_MAX_PAGES,
        slides=settings.ECOC_HUB_MAX_SLIDES,
        cues=settings.ECOC_HUB_MAX_CUES,
    )


def run_extraction(
    kind: str, path: Path, *, on_start: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """Run the extractor in a child process under memory, CPU and time limits.

    A child killed although the file was not the cause (see ``_stopped``) is
    tried once more. ``on_start`` is called with each child's process id.
    """
    try:
        return _run_extraction_once(kind, path, on_start)
    except ExtractionStopped as error:
        if not error.retry:
            raise
        logger.warning("%s Trying once more.", error)
    try:
        return _run_extraction_once(kind, path, on_start)
    except ExtractionStopped as error:
        if not error.retry:
            raise
        raise ExtractionStopped(f"{error} It was tried twice.") from error


def _run_extraction_once(
    kind: str, path: Path, on_start: Callable[[int], None] | None
) -> dict[str, Any]:
    memory = settings.ECOC_HUB_EXTRACTION_MEMORY_MB * 1024 * 1024
    cpu = settings.ECOC_HUB_EXTRACTION_TIMEOUT
    wall = cpu + WALL_CLOCK_MARGIN
    context = _extraction_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=extract.run_limited,
        args=(sender, kind, str(path), memory, cpu, extraction_limits()),
        name=f"extract-{kind}",
        daemon=True,  # ended with the worker
    )
    payload: bytes | None = None
    exitcode: int | None = None
    usage = Usage()
    oom_before = _oom_kills()
    try:
        try:
            child.start()
        except (OSError, EOFError, RuntimeError) as error:
            # e.g. the server could not start, or the worker's main script
            # starts work when imported (no ``if __name__ == "__main__"``)
            raise ExtractionFailed(f"Extraction could not start: {error}") from error
        finally:
            sender.close()  # so the receiver sees the end if the child dies
        if on_start is not None and child.pid is not None:
            on_start(child.pid)
        deadline = time.monotonic() + wall
        # Woken every quarter second to note what the child uses, so that a
        # child killed without a word can be reported with its usage.
        while not receiver.poll(SAMPLE_SECONDS):
            usage.sample(child.pid)
            if time.monotonic() >= deadline:
                child.kill()
                child.join()
                raise ExtractionFailed(
                    f"Extraction took longer than {wall} seconds and was stopped."
                )
        try:
            payload = receiver.recv_bytes()
        except (EOFError, OSError):  # the child ended without a whole result
            payload = None
        child.join(max(0.0, deadline - time.monotonic()))
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
            child.join()
        exitcode = child.exitcode
        child.close()
    if payload is None:
        oom_after = _oom_kills()
        oom_killed = (
            oom_before is not None and oom_after is not None and oom_after > oom_before
        )
        stopped = _stopped(exitcode, usage, oom_killed)
        raise ExtractionStopped(str(stopped)[:1000], retry=stopped.retry)
    try:
        result = json.loads(payload)
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise ExtractionFailed("Extraction produced no readable result.")
    if too_many := result.get("too_many"):
        # Stored like every extraction problem; the upload refuses such files
        # first, so this is met by files stored before a limit was lowered.
        raise ExtractionFailed(
            f"The file holds {too_many['count']} {too_many['what']}, more than "
            f"the {too_many['limit']} allowed; none of them was read."
        )
    if "error" in result:
        raise ExtractionFailed(str(result["error"]))
    return result


def _extract(file: ResourceFile) -> dict[str, Any]:
    path = local_path(file.blob)
    if path is not None and path.exists():
        return run_extraction(file.kind, path)
    # Remote storage: work on a local copy.
    with tempfile.NamedTemporaryFile(suffix="." + file.kind) as copy:
        with open_blob(file.blob) as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        return run_extraction(file.kind, Path(copy.name))


def _lock_file(file: ResourceFile) -> ResourceFile | None:
    """The file row as it is now, locked; None if it was deleted meanwhile.

    The file is locked before its resource (``index_resource``), the order
    every writer of both follows, so two of them never wait for each other.
    """
    return ResourceFile.objects.select_for_update().filter(pk=file.pk).first()


def apply_extraction(file: ResourceFile) -> ResourceFile:
    """Extract one file and record the result (or the failure) on it.

    Extraction runs outside any transaction, on the state loaded when it
    started; what it found is written in one transaction that reads the file
    and its record again under a lock, so a file deleted meanwhile is not
    brought back and the index follows the record's current state.
    """
    try:
        result = _extract(file)
    except ExtractionFailed as error:
        with transaction.atomic():
            current = _lock_file(file)
            if current is None:
                return file
            current.pages.all().delete()
            current.extraction_status = ResourceFile.Extraction.FAILED
            current.extraction_error = str(error) or "Extraction failed."
            current.save(update_fields=["extraction_status", "extraction_error"])
            index_resource(current.resource_id)
        return current
    with transaction.atomic():
        current = _lock_file(file)
        if current is None:
            return file
        current.pages.all().delete()
        FilePage.objects.bulk_create(
            FilePage(
                file=current,
                number=page["number"],
                text=page["text"].replace("\x00", ""),
                start_seconds=page.get("start_seconds"),
            )
            for page in result.get("pages", [])
        )
        if thumbnail := result.get("thumbnail"):
            current.thumbnail = store_bytes(
                base64.b64decode(thumbnail), media_type="image/png"
            )
        current.page_count = result.get("page_count") or current.page_count
        if result.get("duration"):
            current.duration_seconds = float(result["duration"])
        current.extraction_status = (
            ResourceFile.Extraction.SKIPPED
            if result.get("no_text")
            else ResourceFile.Extraction.OK
        )
        current.extraction_error = ""
        # Only what extraction found: a concurrent replacement's is_current
        # or a new label must survive.
        current.save(
            update_fields=[
                "thumbnail",
                "page_count",
                "duration_seconds",
                "extraction_status",
                "extraction_error",
            ]
        )
        index_resource(current.resource_id)
    return current


@task()
def extract_file(*, file_id: int) -> None:
    file = (
        ResourceFile.objects.select_related("blob", "resource")
        .filter(pk=file_id)
        .first()
    )
    if file is None:  # deleted before the worker got to it
        return
    apply_extraction(file)


def extraction_abandoned(kwargs: dict[str, Any], reason: str) -> None:
    """The worker died each time it extracted this file: the file is marked
    failed with the reason (``core.leases``), instead of pending for ever."""
    with transaction.atomic():
        current = (
            ResourceFile.objects.select_for_update()
            .filter(pk=int(kwargs["file_id"]))
            .first()
        )
        if current is None or current.extraction_status != "pending":
            return
        current.extraction_status = ResourceFile.Extraction.FAILED
        current.extraction_error = f"Extraction stopped: {reason}"[:1000]
        current.save(update_fields=["extraction_status", "extraction_error"])
        index_resource(current.resource_id)


@task()
def refresh_index_entry(*, resource_id: int) -> None:
    """Re-index one resource, e.g. so "most downloaded" sees new downloads."""
    index_resource(resource_id)
