"""Writes of the library: deposit, files, moderation, reports, counts, collections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.search.services import remove_document

from .files import StagedFile, atomic_with_files, store_blob
from .models import (
    Collection,
    CollectionItem,
    Creator,
    DailyCount,
    Report,
    Resource,
    ResourceFile,
    ResourceRelation,
    ResourceVersion,
)
from .moderation import (
    approve,
    missing_for_submission,
    moderate,
    publish,
    publish_directly,
    reject,
    request_changes,
    submit_for_review,
    withdraw,
)
from .search_index import KIND, index_resource
from .tasks import extract_file, refresh_index_entry

__all__ = [  # moderation lives in .moderation; these names stay importable here
    "approve",
    "missing_for_submission",
    "moderate",
    "publish",
    "publish_directly",
    "reject",
    "request_changes",
    "submit_for_review",
    "withdraw",
]

SIMPLE_FIELDS = [
    "title",
    "abstract",
    "publisher",
    "publication_year",
    "publication_date",
    "resource_type",
    "languages",
    "countries",
    "licence",
    "access",
    "embargo_until",
    "doi",
    "isbn",
    "url",
]


@dataclass(frozen=True)
class CreatorData:
    name: str
    kind: str = Creator.Kind.PERSON


# Metadata and versions ----------------------------------------------------------


def _snapshot(resource: Resource) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in SIMPLE_FIELDS:
        value = getattr(resource, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = value
    if resource.pk:
        data["creators"] = [f"{c.name} ({c.kind})" for c in resource.creators.all()]
        data["capacity_areas"] = sorted(a.code for a in resource.capacity_areas.all())
        # The stored city name, not the reader's: a diff must not depend on
        # the language the editor browses in.
        data["titles"] = sorted(
            f"{t.city.name} {t.year}" for t in resource.titles.select_related("city")
        )
        data["allowed_organisations"] = sorted(
            o.slug for o in resource.allowed_organisations.all()
        )
        data["related"] = sorted(
            f"{r.kind}:{r.target.uuid}"
            for r in resource.relations_from.select_related("target")
        )
    return data


def _slug_for(title: str) -> str:
    return slugify(title)[:80] or "resource"


def update_metadata(
    *,
    resource: Resource,
    editor: User | None,
    values: dict[str, Any] | None = None,
    creators: Sequence[CreatorData] | None = None,
    capacity_areas: Iterable[CapacityArea] | None = None,
    titles: Iterable[Title] | None = None,
    allowed_organisations: Iterable[Organisation] | None = None,
    related: Iterable[tuple[str, Resource]] | None = None,
) -> ResourceVersion | None:
    """Apply metadata changes and keep a version with who, when and the diff."""
    with transaction.atomic():
        before = _snapshot(resource)
        for name, value in (values or {}).items():
            if name not in SIMPLE_FIELDS:
                raise ValueError(f"Not an editable field: {name}")
            setattr(resource, name, value)
        resource.slug = _slug_for(resource.title)
        resource.full_clean(
            exclude=["owner", "identifier", "uuid", "slug", "withdrawn_reason"]
        )
        resource.save()
        if creators is not None:
            resource.creators.all().delete()
            Creator.objects.bulk_create(
                Creator(resource=resource, name=c.name.strip(), kind=c.kind, position=i)
                for i, c in enumerate(creators)
                if c.name.strip()
            )
        if capacity_areas is not None:
            resource.capacity_areas.set(list(capacity_areas))
        if titles is not None:
            resource.titles.set(list(titles))
        if allowed_organisations is not None:
            resource.allowed_organisations.set(list(allowed_organisations))
        if resource.access == Resource.Access.RESTRICTED and (
            not resource.allowed_organisations.exists()
        ):
            raise ValidationError(
                {"allowed_organisations": _("Name at least one city team.")}
            )
        if related is not None:
            resource.relations_from.all().delete()
            for kind, target in related:
                if target.pk == resource.pk:
                    raise ValidationError(
                        {"related": _("A resource cannot be related to itself.")}
                    )
                ResourceRelation.objects.get_or_create(
                    source=resource, target=target, kind=kind
                )
        after = _snapshot(resource)
        changes = {
            name: [before.get(name), after[name]]
            for name in after
            if before.get(name) != after[name]
        }
        if not changes:
            return None
        number = (
            resource.versions.order_by("-number")
            .values_list("number", flat=True)
            .first()
            or 0
        ) + 1
        version = ResourceVersion.objects.create(
            resource=resource, number=number, editor=editor, changes=changes
        )
        index_resource(resource)
        return version


def create_draft(
    *,
    owner: User | None,
    title: str,
    values: dict[str, Any] | None = None,
    creators: Sequence[CreatorData] = (),
    capacity_areas: Iterable[CapacityArea] = (),
    titles: Iterable[Title] = (),
    allowed_organisations: Iterable[Organisation] = (),
    identifier: str | None = None,
) -> Resource:
    with transaction.atomic():
        resource = Resource(owner=owner, title=title, identifier=identifier)
        resource.slug = _slug_for(title)
        # Saved before the M2M relations can be set; validated fully below.
        resource.save()
        update_metadata(
            resource=resource,
            editor=owner,
            values=values or {},
            creators=list(creators),
            capacity_areas=list(capacity_areas),
            titles=list(titles),
            allowed_organisations=list(allowed_organisations),
        )
        return resource


# Files --------------------------------------------------------------------------


def _enqueue_extraction(file: ResourceFile) -> None:
    extract_file.enqueue(file_id=file.pk)


def add_file(
    *,
    resource: Resource,
    staged: StagedFile,
    uploaded_by: User | None,
    label: str = "",
) -> ResourceFile:
    """Attach a validated upload; its content is stored once under its hash."""
    with atomic_with_files():
        blob = store_blob(staged)
        position = resource.files.filter(is_current=True).count()
        file = ResourceFile.objects.create(
            resource=resource,
            blob=blob,
            kind=staged.kind,
            original_name=staged.original_name,
            label=label[:200],
            position=position,
            uploaded_by=uploaded_by,
        )
        _enqueue_extraction(file)
    file.refresh_from_db()
    return file


def replace_file(
    *,
    file: ResourceFile,
    staged: StagedFile,
    uploaded_by: User | None,
    label: str | None = None,
) -> ResourceFile:
    """Upload a new version; the earlier one stays reachable from the record."""
    if not file.is_current:
        staged.discard()
        raise TransitionError(_("Only the current version of a file can be replaced."))
    with atomic_with_files():
        blob = store_blob(staged)
        ResourceFile.objects.filter(pk=file.pk).update(is_current=False)
        new = ResourceFile.objects.create(
            resource=file.resource,
            blob=blob,
            kind=staged.kind,
            original_name=staged.original_name,
            label=file.label if label is None else label[:200],
            position=file.position,
            version=file.version + 1,
            supersedes=file,
            uploaded_by=uploaded_by,
        )
        _enqueue_extraction(new)
        index_resource(file.resource)
    new.refresh_from_db()
    return new


@transaction.atomic
def remove_file(*, file: ResourceFile) -> None:
    """Drop a file from a draft (not from a published record: use versions)."""
    if file.resource.state not in {
        Resource.State.DRAFT,
        Resource.State.CHANGES_REQUESTED,
    } or (file.supersedes_id is not None):
        raise TransitionError(
            _("Files of a published record are replaced, not removed.")
        )
    file.delete()


@transaction.atomic
def delete_resource(*, resource: Resource) -> None:
    """Delete a record and its search document in one transaction.

    The index has no foreign key to the record (it holds every app's
    documents), so a record deleted any other way would stay searchable.
    The row is locked first, like every writer of the index, so an
    extraction finishing meanwhile waits and then finds it gone.
    """
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    remove_document(kind=KIND, object_id=resource.pk)
    resource.delete()


# Reports ------------------------------------------------------------------------


@transaction.atomic
def report_resource(
    *, resource: Resource, reporter: User | None, reason: str, message: str
) -> Report:
    report = Report(
        resource=resource, reporter=reporter, reason=reason, message=message.strip()
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def resolve_report(*, report: Report, curator: User, resolution: str) -> Report:
    if report.resolved_at is not None:
        raise TransitionError(_("This report is already resolved."))
    report.resolved_at = timezone.now()
    report.resolved_by = curator
    report.resolution = resolution.strip()
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return report


# Counts -------------------------------------------------------------------------

BOT_MARKERS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "curl",
    "wget",
    "python-requests",
    "httpx",
    "headless",
    "facebookexternalhit",
    "preview",
    "monitor",
)


def is_bot(user_agent: str) -> bool:
    agent = user_agent.lower()
    return not agent or any(marker in agent for marker in BOT_MARKERS)


@transaction.atomic
def record_hit(*, resource: Resource, user_agent: str, download: bool) -> bool:
    """Count one view or download for today; no IP or person is stored."""
    if is_bot(user_agent):
        return False
    today = timezone.localdate()
    DailyCount.objects.get_or_create(resource=resource, day=today)
    if download:
        DailyCount.objects.filter(resource=resource, day=today).update(
            downloads=F("downloads") + 1
        )
        Resource.objects.filter(pk=resource.pk).update(
            download_count=F("download_count") + 1
        )
        first_today = (
            DailyCount.objects.filter(resource=resource, day=today)
            .values_list("downloads", flat=True)
            .get()
            == 1
        )
        if first_today and resource.state == Resource.State.PUBLISHED:
            # The index keeps a copy of the count for "most downloaded";
            # refreshing it once a day per resource keeps that cheap.
            refresh_index_entry.enqueue(resource_id=resource.pk)
    else:
        DailyCount.objects.filter(resource=resource, day=today).update(
            views=F("views") + 1
        )
        Resource.objects.filter(pk=resource.pk).update(view_count=F("view_count") + 1)
    # No metrics.changed: a counter raised at every visit follows on the
    # dashboard within CACHE_CURRENT (docs/dashboard.md, "Caching").
    return True


# Collections --------------------------------------------------------------------


@transaction.atomic
def save_collection(
    *,
    curator: User | None,
    title: str,
    introduction: str,
    resources: Sequence[Resource],
    collection: Collection | None = None,
    slug: str | None = None,
) -> Collection:
    if collection is None:
        collection = Collection(created_by=curator)
    collection.title = title
    collection.introduction = introduction
    collection.slug = slug or collection.slug or slugify(title)[:120]
    collection.full_clean()
    collection.save()
    collection.items.all().delete()
    seen: set[int] = set()
    items: list[CollectionItem] = []
    for resource in resources:
        if resource.pk in seen:
            continue
        seen.add(resource.pk)
        items.append(
            CollectionItem(
                collection=collection, resource=resource, position=len(items)
            )
        )
    CollectionItem.objects.bulk_create(items)
    return collection
