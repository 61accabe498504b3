"""The library's part of a personal data export and of an account deletion
(registered with ``accounts.privacy`` in ``LibraryConfig.ready``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from ecoc_hub.accounts.privacy import ContributionChoice, PersonalFile

from .models import Creator, ModerationEvent, Report, Resource, ResourceFile
from .search_index import index_resource
from .services import delete_resource

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

#: Kept, but no longer anybody's work in progress once the account is gone.
UNPUBLISHED = {
    Resource.State.DRAFT,
    Resource.State.SUBMITTED,
    Resource.State.CHANGES_REQUESTED,
    Resource.State.REJECTED,
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _own_resources(user: User) -> Any:
    return (
        Resource.objects.filter(owner=user)
        .prefetch_related(
            "creators",
            "files__blob",
            Prefetch(
                "moderation_events",
                queryset=ModerationEvent.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .order_by("created_at", "pk")
    )


def _moderation_entry(event: ModerationEvent, user: User) -> dict[str, Any]:
    # The owner sees each decision and its comment (they were e-mailed it);
    # the curators who made them are named by role, as on the owner's page.
    return {
        "decision": event.decision,
        "comment": event.comment,
        "at": _iso(event.created_at),
        "by": "you" if event.actor_id == user.pk else "curator",
    }


def export_library_data(user: User) -> dict[str, Any]:
    """Contributions (metadata, files as links, moderation history) and reports."""
    site = settings.SITE_URL
    contributions = []
    for resource in _own_resources(user):
        contributions.append(
            {
                "uuid": str(resource.uuid),
                "title": resource.title,
                "state": resource.state,
                "access": resource.access,
                "url": site + resource.get_absolute_url(),
                "abstract": resource.abstract,
                "resource_type": resource.resource_type,
                "publication_year": resource.publication_year,
                "languages": list(resource.languages),
                "licence": resource.licence,
                "creators": [creator.name for creator in resource.creators.all()],
                "created_at": _iso(resource.created_at),
                "updated_at": _iso(resource.updated_at),
                "files": [
                    {
                        "name": file.original_name,
                        "url": site + file.get_absolute_url(),
                        "size": file.blob.size,
                        "sha256": file.blob.sha256,
                    }
                    for file in resource.files.all()
                ],
                "moderation_history": [
                    _moderation_entry(event, user)
                    for event in resource.moderation_events.all()
                ],
            }
        )
    reports = [
        {
            "resource": str(report.resource.uuid),
            "resource_title": report.resource.title,
            "reason": report.reason,
            "message": report.message,
            "reported_at": _iso(report.created_at),
            "resolved_at": _iso(report.resolved_at),
            "resolution": report.resolution,
        }
        for report in Report.objects.filter(reporter=user)
        .select_related("resource")
        .order_by("created_at", "pk")
    ]
    return {"contributions": contributions, "reports_filed": reports}


def library_files_of(user: User) -> Any:
    """The files ``user`` uploaded (every version), for their ZIP; a file
    someone else added to their record is not theirs to take."""
    files = (
        ResourceFile.objects.filter(uploaded_by=user)
        .select_related("blob", "resource")
        .order_by("resource__created_at", "resource__pk", "position", "version")
    )
    site = settings.SITE_URL
    for file in files:
        yield PersonalFile(
            path=f"library/{file.resource.uuid}/v{file.version}-{get_valid_filename(file.original_name)}",
            storage_name=file.blob.storage_name,
            size=file.blob.size,
            sha256=file.blob.sha256,
            about={
                "file_name": file.original_name,
                "version": file.version,
                "current": file.is_current,
                "uploaded_at": _iso(file.created_at),
                "resource": str(file.resource.uuid),
                "resource_title": file.resource.title,
                "url": site + file.get_absolute_url(),
            },
        )


def _former_member_label() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Former member")


def erase_library_data(user: User, *, contributions: ContributionChoice) -> None:
    """Drafts always go; published work is kept, anonymised or removed."""
    resources = list(Resource.objects.filter(owner=user))
    for resource in resources:
        if resource.state in UNPUBLISHED or contributions == ContributionChoice.REMOVE:
            delete_resource(resource=resource)
            continue
        if contributions == ContributionChoice.ANONYMISE and user.display_name:
            renamed = Creator.objects.filter(
                resource=resource, name__iexact=user.display_name.strip()
            ).update(name=_former_member_label())
            if renamed:
                index_resource(resource)
