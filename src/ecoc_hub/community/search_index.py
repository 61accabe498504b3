"""Threads in the site search: one document per thread, its published
posts as passages, with the access of its space (public, members, or the
team alone as "restricted" to that team), so the search's own filters keep
visitors and other teams out in the same query.

An event's or a course's space is "restricted" with the grant
``community.space:<pk>``: ``space_grants`` gives each member the grants of
the spaces they may enter (``participants``), read when they search, so a
participant accepted or a learner who leaves sees the change at once with
nothing reindexed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.permissions import is_member
from ecoc_hub.core.markdown import plain_text
from ecoc_hub.search.models import Access
from ecoc_hub.search.registry import (
    register_access_grants,
    register_facet,
    register_indexer,
)
from ecoc_hub.search.services import Passage, index_document, remove_document

from .enums import PostState, SpaceAccess, SpaceKind
from .models import PeerRequest, Post, Space, Thread
from .participants import entered_course_ids, entered_event_ids

KIND = "community.thread"
TYPE = "discussion"
ACCESS = {
    SpaceAccess.PUBLIC: Access.PUBLIC,
    SpaceAccess.MEMBERS: Access.MEMBERS,
    SpaceAccess.TEAM: Access.RESTRICTED,
    SpaceAccess.PARTICIPANTS: Access.RESTRICTED,
}


def grant_of(space: Space | int) -> str:
    """The search grant of an event's or a course's space."""
    return f"community.space:{space if isinstance(space, int) else space.pk}"


def space_grants(user: Any) -> list[str]:
    """The grants of the event and course spaces this member may enter."""
    if not is_member(user):
        return []
    spaces = Space.objects.filter(
        Q(kind=SpaceKind.EVENT, event_id__in=entered_event_ids(user))
        | Q(kind=SpaceKind.COURSE, course_id__in=entered_course_ids(user))
    )
    return [grant_of(pk) for pk in spaces.values_list("pk", flat=True)]


def index_thread(thread: Thread | int) -> None:
    """Index the thread as it is now, or remove it when nothing in it is
    published."""
    pk = thread if isinstance(thread, int) else thread.pk
    found = Thread.objects.filter(pk=pk).select_related("space__capacity_area").first()
    posts = list(
        Post.objects.filter(
            thread_id=pk, state=PostState.PUBLISHED, is_erased=False
        ).order_by("created_at", "pk")
    )
    if found is None or not posts:
        remove_document(kind=KIND, object_id=pk)
        return
    space = found.space
    first = plain_text(posts[0].body)
    index_document(
        kind=KIND,
        object_id=found.pk,
        title=found.title,
        url=found.get_absolute_url(),
        summary=first[:300],
        language=found.language,
        access=ACCESS[SpaceAccess(space.access)],
        allowed_organisation_ids=_teams_of(space),
        grants=[grant_of(space)] if space.is_participants_space else [],
        published=found.last_post_at,
        facets={
            "type": [TYPE],
            "capacity_area": [space.capacity_area.code] if space.capacity_area else [],
            "language": [found.language],
        },
        passages=[
            Passage(
                text=plain_text(post.body),
                language=found.language,
                locator=f"post-{post.pk}",
                target_url=post.get_absolute_url(),
            )
            for post in posts
        ],
    )


def _teams_of(space: Space) -> list[int]:
    if space.kind == SpaceKind.PEER:
        request = PeerRequest.objects.filter(space=space).first()
        return [request.from_team_id, request.to_team_id] if request else []
    return [space.organisation_id] if space.organisation_id else []


def index_space(space: Space) -> None:
    for pk in space.threads.values_list("pk", flat=True):
        index_thread(pk)


def _all_threads() -> Iterator[int]:
    for pk in Thread.objects.order_by("pk").values_list("pk", flat=True):
        index_thread(pk)
        yield pk


register_access_grants(space_grants)
register_indexer(KIND, _all_threads, label=_("Discussion"), count=Thread.objects.count)


def _type_labels(values: list[str]) -> dict[str, str]:
    return {TYPE: gettext("Discussion")} if TYPE in values else {}


register_facet("type", _("Type"), _type_labels)
