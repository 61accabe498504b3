"""Reads used in several places; the SQL twins of ``permissions``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.accounts.permissions import is_curator, is_member

from . import permissions
from .enums import PostState, SpaceAccess, SpaceKind
from .models import Post, Space, Thread
from .participants import entered_course_ids, entered_event_ids

#: The spaces only some people know of.
CLOSED_KINDS = [SpaceKind.TEAM, SpaceKind.PEER, SpaceKind.EVENT, SpaceKind.COURSE]


def known_spaces(user: Any) -> QuerySet[Space]:
    """The spaces this person may know exist (``can_know_space``)."""
    spaces = Space.objects.all()
    if is_curator(user):
        return spaces
    if not is_member(user):
        return spaces.exclude(kind__in=CLOSED_KINDS)
    teams = Membership.objects.filter(user=user).values("organisation_id")
    return spaces.filter(
        ~Q(kind__in=CLOSED_KINDS)
        | Q(kind=SpaceKind.TEAM, organisation_id__in=teams)
        | Q(kind=SpaceKind.PEER, peer_request__from_team_id__in=teams)
        | Q(kind=SpaceKind.PEER, peer_request__to_team_id__in=teams)
        | Q(kind=SpaceKind.EVENT, event_id__in=entered_event_ids(user))
        | Q(kind=SpaceKind.COURSE, course_id__in=entered_course_ids(user))
    )


def teams_of(user: Any) -> QuerySet[Organisation]:
    if not is_member(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def readable_spaces(user: Any) -> QuerySet[Space]:
    """The spaces this person may read (``can_read_space``)."""
    spaces = known_spaces(user)
    if not is_member(user):
        spaces = spaces.filter(access=SpaceAccess.PUBLIC)
    return spaces


def readable_threads(user: Any) -> QuerySet[Thread]:
    return Thread.objects.filter(space__in=readable_spaces(user))


def spaces_for_index(user: Any) -> QuerySet[Space]:
    """The index's cards: each known space with its counts, in one query."""
    return (
        known_spaces(user)
        .exclude(kind=SpaceKind.PEER)
        .select_related("capacity_area__criterion", "organisation", "event", "course")
        .annotate(
            thread_count=Count("threads"), last_post_at=Max("threads__last_post_at")
        )
        .order_by(
            "kind", "capacity_area__criterion__letter", "capacity_area__code", "name"
        )
    )


def shown_threads(threads: QuerySet[Thread], user: Any) -> QuerySet[Thread]:
    """Without the threads whose posts all wait for review or are hidden,
    except the person's own (moderators see them all)."""
    published = Post.objects.filter(thread=OuterRef("pk"), state=PostState.PUBLISHED)
    condition: Q | Exists = Exists(published)
    if is_member(user):
        condition |= Q(author=user)
    return threads.filter(condition)


def threads_of(space: Space, user: Any) -> QuerySet[Thread]:
    threads = space.threads.all()
    if not permissions.can_moderate_space(user, space):
        threads = shown_threads(threads, user)
    return (
        threads.select_related("author", "answer")
        .annotate(post_count=Count("posts", filter=Q(posts__state=PostState.PUBLISHED)))
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )


def posts_of(thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related("author")
        .prefetch_related("attachments__blob")
        .order_by("created_at", "pk")
    )


def moderated_spaces(user: Any) -> QuerySet[Space]:
    if is_curator(user):
        return Space.objects.all()
    return Space.objects.filter(moderators=user)
