"""Writes of the discussions: spaces, threads, replies and edits.

The views check the permissions (``permissions``) before they call these;
the services keep the rows consistent (a thread always has its first post,
an edit always keeps the text it replaced).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.startup import Start
from ecoc_hub.courses.models import Course
from ecoc_hub.events.models import Event
from ecoc_hub.library.files import StagedFile, atomic_with_files

from .attachments import attach
from .enums import PostState, SpaceAccess, SpaceKind, ThreadKind
from .following import follow_automatically, post_edited, post_published
from .models import Post, PostRevision, Space, Thread
from .search_index import index_space, index_thread

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def free_slug(base: str) -> str:
    base = (slugify(base) or "space")[:160]
    slug, number = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_space(
    *,
    name: str,
    access: str,
    created_by: User | None,
    description: str = "",
) -> Space:
    """A topic space, opened by a curator."""
    return Space.objects.create(
        name=name,
        slug=free_slug(name),
        kind=SpaceKind.TOPIC,
        access=access,
        description=description,
        created_by=created_by,
    )


@transaction.atomic
def update_space(*, space: Space, name: str, access: str, description: str) -> Space:
    space.name, space.access, space.description = name, access, description
    space.save(update_fields=["name", "access", "description"])
    index_space(space)
    return space


def ensure_area_spaces() -> int:
    """One public space per capacity area; returns how many were added."""
    added = 0
    for area in CapacityArea.objects.filter(community_space__isnull=True):
        with transaction.atomic():
            Space.objects.create(
                name=area.name,
                slug=free_slug(area.code),
                kind=SpaceKind.AREA,
                access=SpaceAccess.PUBLIC,
                capacity_area=area,
            )
        added += 1
    return added


def area_spaces_hook(start: Start) -> str | None:
    """At start-up: the capacity areas' spaces exist (the areas come from
    the directory's reference data, which may have grown)."""
    ensure_area_spaces()
    return None


@transaction.atomic
def team_space(*, organisation: Organisation) -> Space:
    """The team's private space, made the first time it is asked for."""
    space, _created = Space.objects.get_or_create(
        organisation=organisation,
        defaults={
            "name": organisation.name,
            "slug": free_slug(f"team-{organisation.slug}"),
            "kind": SpaceKind.TEAM,
            "access": SpaceAccess.TEAM,
        },
    )
    return space


@transaction.atomic
def event_space(*, event: Event) -> Space:
    """The space of the event's participants, made the first time someone
    who may enter it opens it (an event that never gets one costs nothing)."""
    space, _created = Space.objects.get_or_create(
        event=event,
        defaults={
            "name": event.title[:160],
            "slug": free_slug(f"event-{event.slug}"),
            "kind": SpaceKind.EVENT,
            "access": SpaceAccess.PARTICIPANTS,
        },
    )
    return space


@transaction.atomic
def course_space(*, course: Course) -> Space:
    """The space of the course's learners, made like ``event_space``."""
    space, _created = Space.objects.get_or_create(
        course=course,
        defaults={
            "name": course.title[:160],
            "slug": free_slug(f"course-{course.slug}"),
            "kind": SpaceKind.COURSE,
            "access": SpaceAccess.PARTICIPANTS,
        },
    )
    return space


def _first_state(*, author: User, space: Space) -> str:
    from .moderation import should_hold

    return (
        PostState.HELD
        if should_hold(author=author, space=space)
        else PostState.PUBLISHED
    )


@atomic_with_files()
def start_thread(
    *,
    space: Space,
    author: User,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    language: str = "",
    attachments: Sequence[StagedFile] = (),
) -> Thread:
    """The thread and its first post, with the post's checked files (all
    or nothing: a file that cannot be stored leaves no thread and no file)."""
    now = timezone.now()
    thread = Thread.objects.create(
        space=space,
        title=title,
        kind=kind,
        language=language or (get_language() or "en")[:2],
        author=author,
        created_at=now,
        last_post_at=now,
    )
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        created_at=now,
        state=_first_state(author=author, space=space),
    )
    attach(post=post, staged=attachments)
    follow_automatically(user=author, thread=thread)
    post_published(post, new_thread=True)
    index_thread(thread)
    return thread


@atomic_with_files()
def reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    attachments: Sequence[StagedFile] = (),
) -> Post:
    now = timezone.now()
    state = _first_state(author=author, space=thread.space)
    post = Post.objects.create(
        thread=thread, author=author, body=body, created_at=now, state=state
    )
    attach(post=post, staged=attachments)
    if state == PostState.PUBLISHED:
        Thread.objects.filter(pk=thread.pk).update(last_post_at=now)
        thread.last_post_at = now
    follow_automatically(user=author, thread=thread)
    post_published(post)
    index_thread(thread)
    return post


@transaction.atomic
def edit_post(*, post: Post, editor: User, body: str) -> Post:
    """Replace the text, keeping the old one in the post's history."""
    if body == post.body:
        return post
    now = timezone.now()
    PostRevision.objects.create(
        post=post, body=post.body, edited_by=editor, created_at=now
    )
    post.body, post.edited_at = body, now
    post.save(update_fields=["body", "edited_at"])
    post_edited(post)
    index_thread(post.thread_id)
    return post
