"""Background work: text extraction, thumbnails and durations of uploaded files."""

from __future__ import annotations

import base64
import json
import resource as rlimit
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task

from .files import local_path, open_blob, store_bytes
from .models import FilePage, ResourceFile
from .search_index import index_resource


class ExtractionFailed(Exception):
    pass


def run_extraction(kind: str, path: Path) -> dict[str, Any]:
    """Run the extractor in a child process under memory, CPU and time limits."""
    memory = settings.ECOC_HUB_EXTRACTION_MEMORY_MB * 1024 * 1024
    cpu = settings.ECOC_HUB_EXTRACTION_TIMEOUT

    def limits() -> None:  # pragma: no cover - runs in the child process
        rlimit.setrlimit(rlimit.RLIMIT_AS, (memory, memory))
        rlimit.setrlimit(rlimit.RLIMIT_CPU, (cpu, cpu + 5))

    try:
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "ecoc_hub.library.extract", kind, str(path)],
            capture_output=True,
            timeout=cpu + 10,
            preexec_fn=limits,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ExtractionFailed(
            f"Extraction took longer than {cpu + 10} seconds and was stopped."
        ) from error
    if completed.returncode in {-signal.SIGXCPU, -signal.SIGKILL}:
        raise ExtractionFailed(
            f"Extraction used more than {cpu} seconds of processor time "
            "and was stopped."
        )
    if completed.returncode != 0:
        tail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        reason = tail[0] if tail else f"exit status {completed.returncode}"
        if "MemoryError" in reason:
            reason = "Extraction needed more memory than allowed and was stopped."
        raise ExtractionFailed(f"Extraction stopped: {reason}"[:1000])
    try:
        result: dict[str, Any] = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise ExtractionFailed("Extraction produced no readable result.") from error
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


def apply_extraction(file: ResourceFile) -> ResourceFile:
    """Extract one file and record the result (or the failure) on it."""
    try:
        result = _extract(file)
    except ExtractionFailed as error:
        with transaction.atomic():
            file.pages.all().delete()
            file.extraction_status = ResourceFile.Extraction.FAILED
            file.extraction_error = str(error) or "Extraction failed."
            file.save(update_fields=["extraction_status", "extraction_error"])
            index_resource(file.resource)
        return file
    with transaction.atomic():
        file.pages.all().delete()
        FilePage.objects.bulk_create(
            FilePage(
                file=file,
                number=page["number"],
                text=page["text"].replace("\x00", ""),
                start_seconds=page.get("start_seconds"),
            )
            for page in result.get("pages", [])
        )
        if thumbnail := result.get("thumbnail"):
            file.thumbnail = store_bytes(
                base64.b64decode(thumbnail), media_type="image/png"
            )
        file.page_count = result.get("page_count") or file.page_count
        if result.get("duration"):
            file.duration_seconds = float(result["duration"])
        file.extraction_status = (
            ResourceFile.Extraction.SKIPPED
            if result.get("no_text")
            else ResourceFile.Extraction.OK
        )
        file.extraction_error = ""
        file.save()
        index_resource(file.resource)
    return file


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


@task()
def refresh_index_entry(*, resource_id: int) -> None:
    """Re-index one resource, e.g. so "most downloaded" sees new downloads."""
    from .models import Resource

    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is not None:
        with transaction.atomic():
            index_resource(resource)
