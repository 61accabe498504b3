"""The library's periodic jobs: embargo ends and download counts, without cron."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ecoc_hub.core import schedule
from ecoc_hub.library.models import Resource
from ecoc_hub.library.periodic import refresh_download_counts, release_ended_embargoes
from ecoc_hub.search.models import SearchDocument
from ecoc_hub.search.queries import search
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


def _finds(word: str, user) -> int:
    return search(word, user=user, kinds=["library.resource"]).total


def test_the_files_of_a_record_are_searchable_once_its_embargo_ends(member, curator):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    resource = make_resource(owner=member, curator=curator, embargo_until=tomorrow)
    assert _finds("zythophilia", member) == 0
    # The date passes: nothing writes to the record.
    Resource.objects.filter(pk=resource.pk).update(embargo_until=timezone.localdate())

    released = release_ended_embargoes.call()

    assert released == 1
    assert _finds("zythophilia", member) == 1


def test_records_still_under_embargo_are_left_alone(member, curator):
    later = timezone.localdate() + dt.timedelta(days=30)
    make_resource(owner=member, curator=curator, embargo_until=later)

    assert release_ended_embargoes.call() == 0
    assert _finds("zythophilia", member) == 0


def test_changed_download_counts_reach_the_index(member, curator):
    first = make_resource(owner=member, curator=curator, title="First")
    second = make_resource(owner=member, curator=curator, title="Second")
    Resource.objects.filter(pk=second.pk).update(download_count=7)

    assert refresh_download_counts.call() == 1

    popularity = dict(
        SearchDocument.objects.filter(kind="library.resource").values_list(
            "object_id", "popularity"
        )
    )
    assert popularity == {first.pk: 0, second.pk: 7}
    assert refresh_download_counts.call() == 0


def test_both_jobs_are_scheduled_hourly():
    jobs = {job.name: job.every for job in schedule.registered()}

    assert jobs["library.release_ended_embargoes"] == dt.timedelta(hours=1)
    assert jobs["library.refresh_download_counts"] == dt.timedelta(hours=1)
    assert jobs["library.remove_orphan_blobs"] == dt.timedelta(hours=1)


def test_blobs_left_by_a_killed_upload_are_swept_once_an_hour_old(member, settings):
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ecoc_hub.library.models import Blob
    from ecoc_hub.library.periodic import sweep_orphan_blobs

    resource = make_resource(owner=member, title="Kept", pages=["kept page"])
    kept = set(Blob.objects.values_list("storage_name", flat=True))
    old = default_storage.save("blobs/aa/bb/" + "a" * 64, ContentFile(b"cut off"))
    fresh = default_storage.save("blobs/cc/dd/" + "c" * 64, ContentFile(b"in flight"))
    other = default_storage.save("events/answers/ee/" + "e" * 64, ContentFile(b"x"))
    two_hours_ago = time.time() - 7200
    os.utime(default_storage.path(old), (two_hours_ago, two_hours_ago))

    removed = sweep_orphan_blobs()

    assert removed == [old]
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
    assert default_storage.exists(other)
    assert kept and all(default_storage.exists(name) for name in kept)
    assert resource.files.count() == 1
