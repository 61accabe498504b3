"""Who may see, download, edit and moderate library resources.

One rule, used by the pages, the file URLs, the search index (through the
access level and team ids written into it) and the API.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member

from .models import Resource, ResourceFile

EDITABLE_BY_OWNER = {Resource.State.DRAFT, Resource.State.CHANGES_REQUESTED}


def _is_owner(user: Any, resource: Resource) -> bool:
    return is_member(user) and resource.owner_id == user.pk


def user_organisation_ids(user: Any) -> set[int]:
    if not is_member(user):
        return set()
    cache = getattr(user, "_library_org_ids", None)
    if cache is None:
        cache = set(user.memberships.values_list("organisation_id", flat=True))
        user._library_org_ids = cache
    return cache


def audience_allows(user: Any, resource: Resource) -> bool:
    """The access level alone: public, members, or the named teams."""
    if resource.access == Resource.Access.PUBLIC:
        return True
    if resource.access == Resource.Access.MEMBERS:
        return is_member(user)
    allowed = {org.pk for org in resource.allowed_organisations.all()}
    return bool(allowed & user_organisation_ids(user))


def can_view_resource(user: Any, resource: Resource) -> bool:
    if is_curator(user) or _is_owner(user, resource):
        return True
    if resource.state != Resource.State.PUBLISHED:
        return False
    return audience_allows(user, resource)


def can_download_files(user: Any, resource: Resource) -> bool:
    if is_curator(user) or _is_owner(user, resource):
        return True
    if not can_view_resource(user, resource):
        return False
    return not resource.is_embargoed


def can_download_file(user: Any, file: ResourceFile) -> bool:
    return can_download_files(user, file.resource)


def can_edit(user: Any, resource: Resource) -> bool:
    if is_curator(user):
        return resource.state != Resource.State.WITHDRAWN
    return _is_owner(user, resource) and resource.state in EDITABLE_BY_OWNER


def can_add_file_version(user: Any, resource: Resource) -> bool:
    """The owner may also upload new versions of files once published."""
    if can_edit(user, resource):
        return True
    return _is_owner(user, resource) and resource.state == Resource.State.PUBLISHED


def can_submit(user: Any, resource: Resource) -> bool:
    return _is_owner(user, resource) and resource.state in EDITABLE_BY_OWNER


def can_moderate(user: Any) -> bool:
    return is_curator(user)


def can_contribute(user: Any) -> bool:
    return is_member(user)


def can_report(user: Any, resource: Resource) -> bool:
    return resource.state == Resource.State.PUBLISHED and can_view_resource(
        user, resource
    )
