"""Deletion records: what OAI-PMH harvesters still learn about a resource
that no longer exists (see oai.py and apps.py)."""

from __future__ import annotations

from django.utils import timezone

from ecoc_hub.library.models import Resource

from . import queries
from .models import DeletedRecord


def record_deletion(*, resource: Resource) -> DeletedRecord | None:
    """Keep a tombstone for a resource about to be deleted, if visitors (and so
    harvesters) could once see it: published as public, or made public later.
    A members-only or restricted record leaves none, so OAI-PMH never
    confirms that it existed."""
    if resource.pk is None or not queries.was_once_public(resource):
        return None
    specs = [f"type:{resource.resource_type}"]
    specs += [
        f"area:{code}"
        for code in resource.capacity_areas.values_list("code", flat=True)
    ]
    specs += [
        f"city:{slug}-{year}"
        for slug, year in resource.titles.values_list("city__slug", "year")
    ]
    record, _created = DeletedRecord.objects.update_or_create(
        uuid=resource.uuid,
        defaults={"deleted_at": timezone.now(), "set_specs": specs},
    )
    return record
