"""The library's periodic jobs, enqueued by the worker (``core.schedule``).

They replace the cron job that an embargo's end and "most downloaded" needed:
an embargo ends by the date alone, with no write that would re-index the
record, and download counts change on every download, too often to re-index.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from ecoc_hub.search.models import SearchDocument

from .models import Resource
from .search_index import KIND, index_resource

# Embargoes that ended this many days ago are still looked at, so a worker
# that was down for a few days catches up by itself.
EMBARGO_LOOKBACK_DAYS = 7


@task()
def release_ended_embargoes() -> int:
    """Index the files of published records whose embargo has ended."""
    today = timezone.localdate()
    ended = Resource.objects.filter(
        state=Resource.State.PUBLISHED,
        embargo_until__lte=today,
        embargo_until__gte=today - timedelta(days=EMBARGO_LOOKBACK_DAYS),
    ).order_by("pk")
    count = 0
    for resource in ended.iterator(chunk_size=200):
        with transaction.atomic():
            index_resource(resource)
        count += 1
    return count


@task()
def refresh_download_counts() -> int:
    """Copy changed download counts into the index, for "most downloaded"."""
    indexed = dict(
        SearchDocument.objects.filter(kind=KIND).values_list("object_id", "popularity")
    )
    counts = Resource.objects.filter(pk__in=list(indexed)).values_list(
        "pk", "download_count"
    )
    changed = [(pk, count) for pk, count in counts if indexed.get(pk) != count]
    for pk, count in changed:
        SearchDocument.objects.filter(kind=KIND, object_id=pk).update(popularity=count)
    return len(changed)


# A blob younger than this may belong to an upload whose transaction has not
# committed yet; no request or task holds one open for that long.
ORPHAN_BLOB_MIN_AGE = timedelta(hours=1)


def sweep_orphan_blobs(*, min_age: timedelta = ORPHAN_BLOB_MIN_AGE) -> list[str]:
    """Delete stored blobs that no ``Blob`` row names, once they are old enough.

    A blob is written before the row that records it, inside the row's
    transaction; when that transaction rolls back, ``atomic_with_files``
    removes the file, but a process killed (SIGKILL, out of memory) between
    the write and the commit leaves it behind. Only the content-addressed
    ``blobs/`` folder is swept, and only names with no row: every blob a
    record, a thumbnail or an expert's CV uses has its row.
    """
    from django.core.files.storage import default_storage

    from ecoc_hub.core import storedfiles

    from .models import Blob

    cutoff = timezone.now() - min_age
    stored = set(storedfiles.walk(default_storage, "blobs"))
    known = set(
        Blob.objects.filter(storage_name__in=stored).values_list(
            "storage_name", flat=True
        )
    )
    removed = []
    for name in sorted(stored - known):
        if default_storage.get_modified_time(name) > cutoff:
            continue
        # Looked up again: a row committed since the first read keeps it.
        if Blob.objects.filter(storage_name=name).exists():
            continue
        default_storage.delete(name)
        removed.append(name)
    return removed


@task()
def remove_orphan_blobs() -> int:
    """The periodic sweep of blobs left by killed processes."""
    return len(sweep_orphan_blobs())
