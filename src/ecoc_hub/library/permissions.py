"""Who may see, download, edit and moderate library resources.

One rule, used by the pages, the file URLs, the search index (through the
access level and team ids written into it) and the API.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member

from .models import Collection, Resource, ResourceFile

EDITABLE_BY_OWNER = {Resource.State.DRAFT, Resource.State.CHANGES_REQUESTED}


def is_owner(user: Any, resource: Resource) -> bool:
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


def can_see_resource(user: Any, resource: Resource) -> bool:
    """May know the record exists: once published (or withdrawn, as a
    tombstone) its existence is public even where its content is not, so a
    refusal is a 403 that invites signing in; drafts stay a 404."""
    if resource.state in {Resource.State.PUBLISHED, Resource.State.WITHDRAWN}:
        return True
    return can_view_resource(user, resource)


def can_see_live_resource(user: Any, resource: Resource) -> bool:
    """As ``can_see_resource``, for what only a live record has (its exports)."""
    return resource.state != Resource.State.WITHDRAWN and can_see_resource(
        user, resource
    )


def can_open_resource(user: Any, resource: Resource) -> bool:
    """May open the page: the record itself, or the tombstone of a withdrawn one."""
    return resource.state == Resource.State.WITHDRAWN or can_view_resource(
        user, resource
    )


def can_view_resource(user: Any, resource: Resource) -> bool:
    if is_curator(user) or is_owner(user, resource):
        return True
    if resource.state != Resource.State.PUBLISHED:
        return False
    return audience_allows(user, resource)


def can_download_files(user: Any, resource: Resource) -> bool:
    if is_curator(user) or is_owner(user, resource):
        return True
    if not can_view_resource(user, resource):
        return False
    return not resource.is_embargoed


def can_see_file(user: Any, file: ResourceFile) -> bool:
    """The files of a withdrawn record are gone for all but curators."""
    if file.resource.state == Resource.State.WITHDRAWN:
        return is_curator(user)
    return can_see_resource(user, file.resource)


def can_download_file(user: Any, file: ResourceFile) -> bool:
    return can_download_files(user, file.resource)


def can_edit(user: Any, resource: Resource) -> bool:
    if is_curator(user):
        return resource.state != Resource.State.WITHDRAWN
    return is_owner(user, resource) and resource.state in EDITABLE_BY_OWNER


def can_add_file_version(user: Any, resource: Resource) -> bool:
    """The owner may also upload new versions of files once published."""
    if can_edit(user, resource):
        return True
    return is_owner(user, resource) and resource.state == Resource.State.PUBLISHED


def can_replace_file(user: Any, file: ResourceFile) -> bool:
    return can_add_file_version(user, file.resource)


def can_submit(user: Any, resource: Resource) -> bool:
    return is_owner(user, resource) and resource.state in EDITABLE_BY_OWNER


def can_moderate(user: Any) -> bool:
    return is_curator(user)


def can_moderate_resource(user: Any, resource: Resource) -> bool:
    return can_moderate(user)


def can_see_history(user: Any, resource: Resource) -> bool:
    """The moderation history and the versions: the owner, whoever may edit
    the record, and curators."""
    return can_edit(user, resource) or can_moderate(user) or is_owner(user, resource)


def can_view_collection(user: Any, collection: Collection) -> bool:
    return collection.is_published or can_moderate(user)


def can_contribute(user: Any) -> bool:
    return is_member(user)


def can_report(user: Any, resource: Resource) -> bool:
    return resource.state == Resource.State.PUBLISHED and can_view_resource(
        user, resource
    )
