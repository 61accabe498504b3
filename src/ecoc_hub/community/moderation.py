"""Moderation services: held first posts, rate limits, hiding and restoring
posts, locking, pinning and moving threads, and the DSA flow (notice →
decision → statement of reasons → appeal).

Each state change goes through ``core.workflow.transition`` (the tables are
in ``workflow.py``), so the history says who did what and when; the
statement of reasons and the notifications are written in the same
transaction.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.permissions import is_curator
from ecoc_hub.core.workflow import TransitionError, transition

from . import permissions
from .enums import NotificationKind, PostState, SpaceKind
from .following import post_published
from .models import Appeal, Notice, Post, PostEvent, Space, Statement, Thread
from .notify import notify
from .search_index import index_thread

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

#: At most this many posts per person in ``RATE_WINDOW`` (curators excepted).
RATE_LIMIT = 10
RATE_WINDOW = timedelta(minutes=10)


def is_rate_limited(user: User) -> bool:
    if is_curator(user):
        return False
    since = timezone.now() - RATE_WINDOW
    return Post.objects.filter(author=user, created_at__gte=since).count() >= RATE_LIMIT


def should_hold(*, author: User, space: Space) -> bool:
    """A new member's first post in a shared space waits for a moderator
    (``ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS``); a team's own space does not."""
    if not settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS:
        return False
    private = space.kind in {
        SpaceKind.TEAM,
        SpaceKind.PEER,
        SpaceKind.EVENT,
        SpaceKind.COURSE,
    }
    if private or permissions.can_moderate_space(author, space):
        return False
    return not Post.objects.filter(author=author, state=PostState.PUBLISHED).exists()


@transaction.atomic
def approve_post(*, post: Post, moderator: User | None) -> Post:
    transition(post, "approve", actor=moderator)
    first = post.thread.posts.order_by("created_at", "pk").first()
    post_published(post, new_thread=first is not None and first.pk == post.pk)
    index_thread(post.thread_id)
    notify(
        recipient=post.author,
        kind=NotificationKind.POST_APPROVED,
        url=post.get_absolute_url(),
        thread=post.thread,
    )
    return post


@transaction.atomic
def hide_post(
    *,
    post: Post,
    moderator: User | None,
    ground: str,
    explanation: str,
    notice: Notice | None = None,
) -> Statement:
    """Hide the post and send its author the statement of reasons."""
    outcome = transition(post, "hide", actor=moderator, comment=explanation)
    index_thread(post.thread_id)
    if not isinstance(outcome.history, PostEvent):
        raise TypeError("The post's workflow writes PostEvent rows.")
    statement = Statement.objects.create(
        post=post,
        event=outcome.history,
        notice=notice,
        ground=ground,
        explanation=outcome.comment,
    )
    notify(
        recipient=post.author,
        kind=NotificationKind.STATEMENT,
        url=statement.get_absolute_url(),
        thread=post.thread,
        email="statement",
        context={"statement": statement, "thread": post.thread},
    )
    return statement


@transaction.atomic
def restore_post(*, post: Post, moderator: User | None, comment: str = "") -> Post:
    transition(post, "restore", actor=moderator, comment=comment)
    index_thread(post.thread_id)
    return post


@transaction.atomic
def set_thread_flags(
    *, thread: Thread, is_locked: bool | None = None, is_pinned: bool | None = None
) -> Thread:
    changed: list[str] = []
    if is_locked is not None:
        thread.is_locked, changed = is_locked, [*changed, "is_locked"]
    if is_pinned is not None:
        thread.is_pinned, changed = is_pinned, [*changed, "is_pinned"]
    thread.save(update_fields=changed)
    return thread


@transaction.atomic
def move_thread(*, thread: Thread, space: Space) -> Thread:
    thread.space = space
    thread.save(update_fields=["space"])
    index_thread(thread)
    return thread


@transaction.atomic
def report_post(
    *,
    post: Post,
    reporter: User | None,
    reason: str,
    explanation: str,
    reporter_email: str = "",
) -> Notice:
    """A notice under DSA Article 16; the moderators see it in their queue."""
    return Notice.objects.create(
        post=post,
        reporter=reporter,
        reporter_email="" if reporter is not None else reporter_email,
        reason=reason,
        explanation=explanation,
    )


def _tell_reporter(notice: Notice) -> None:
    url = reverse("community:transparency")
    if notice.reporter is not None:
        notify(
            recipient=notice.reporter,
            kind=NotificationKind.NOTICE_DECIDED,
            url=url,
            thread=notice.post.thread,
            email="notice_decided",
            context={"notice": notice},
        )


@transaction.atomic
def decide_notice(
    *,
    notice: Notice,
    moderator: User,
    hide: bool,
    explanation: str,
    ground: str = "",
) -> Notice:
    """Hide the post (with a statement of reasons) or take no action; the
    reporter is told either way (Article 16(5))."""
    if not hide:
        transition(notice, "dismiss", actor=moderator, comment=explanation)
    else:
        if not ground:
            raise TransitionError(
                _("Choose the ground of the decision."),
                field="ground",
                code="ground_required",
            )
        transition(notice, "action", actor=moderator, comment=explanation)
        post = notice.post
        if post.state != PostState.HIDDEN:
            hide_post(
                post=post,
                moderator=moderator,
                ground=ground,
                explanation=explanation,
                notice=notice,
            )
    notice.refresh_from_db()
    _tell_reporter(notice)
    return notice


@transaction.atomic
def appeal(*, statement: Statement, text: str) -> Appeal:
    return Appeal.objects.create(statement=statement, text=text)


@transaction.atomic
def decide_appeal(
    *, appeal: Appeal, curator: User, reverse_decision: bool, comment: str
) -> Appeal:
    action = "reverse" if reverse_decision else "confirm"
    transition(appeal, action, actor=curator, comment=comment)
    post = appeal.statement.post
    if reverse_decision and post.state == PostState.HIDDEN:
        restore_post(post=post, moderator=curator, comment=comment)
    notify(
        recipient=post.author,
        kind=NotificationKind.APPEAL_DECIDED,
        url=appeal.statement.get_absolute_url(),
        thread=post.thread,
        email="appeal_decided",
        context={"appeal": appeal, "comment": comment},
    )
    return appeal
