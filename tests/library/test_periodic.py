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
