"""Following spaces and threads, and what a new post sets off: on-site
notifications for followers and the mentioned, and e-mail as each person
chose (at once, in a daily or weekly digest, or none).

Access is checked when a notification is made and again when its e-mail
leaves: a person who can no longer read the space gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.core.mail import queue_email

from . import permissions
from .enums import (
    DigestFrequency,
    EmailFrequency,
    NotificationKind,
    PostState,
    ThreadAction,
)
from .mentions import ensure_handle, mentioned_users
from .models import (
    Digest,
    DirectoryEntry,
    Follow,
    Mention,
    Notification,
    NotificationPreference,
    Post,
    Space,
    Thread,
    ThreadEvent,
)
from .notify import reachable

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

#: Digests leave at the first run of the worker after this hour (UTC):
#: a day's digest covers what came since the previous one.
DIGEST_HOUR = 6
#: How long an unsubscribe link in an e-mail works.
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)
_SALT = "community.unsubscribe"
ALL = "all"


# Following ---------------------------------------------------------------


def follows(
    user: Any, *, space: Space | None = None, thread: Thread | None = None
) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(
        user=user, space=space, thread=thread, is_active=True
    ).exists()


@transaction.atomic
def set_following(*, user: User, target: Space | Thread, follow: bool) -> Follow:
    key = {"space": target} if isinstance(target, Space) else {"thread": target}
    row, _created = Follow.objects.get_or_create(
        user=user, **key, defaults={"is_active": follow}
    )
    if row.is_active != follow:
        row.is_active = follow
        row.save(update_fields=["is_active"])
    return row


def follow_automatically(*, user: User, thread: Thread) -> None:
    """Authors and repliers follow their thread, unless they unfollowed it."""
    Follow.objects.get_or_create(user=user, thread=thread)


def followed_by(user: User) -> tuple[list[Space], list[Thread]]:
    rows = Follow.objects.filter(user=user, is_active=True).select_related(
        "space__capacity_area", "thread__space__capacity_area"
    )
    spaces = [r.space for r in rows if r.space is not None]
    threads = [r.thread for r in rows if r.thread is not None]
    return spaces, threads


# Preferences ------------------------------------------------------------


def email_frequency(user: User) -> str:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref.email if pref else EmailFrequency.DAILY


@transaction.atomic
def set_email_frequency(*, user: User, email: str) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return pref


@transaction.atomic
def save_settings(*, user: User, email: str, handle: str) -> None:
    set_email_frequency(user=user, email=email)
    if email not in DigestFrequency.values:
        Notification.objects.filter(recipient=user, awaits_digest=True).update(
            awaits_digest=False
        )
    DirectoryEntry.objects.update_or_create(user=user, defaults={"handle": handle})


# What a new post sets off -------------------------------------------------


def post_published(post: Post, *, new_thread: bool = False) -> int:
    """Notify the followers and the mentioned of a post now visible to
    others; returns how many were notified. Call inside the writing
    transaction."""
    if post.state != PostState.PUBLISHED or post.author is None:
        return 0
    thread = post.thread
    follow_automatically(user=post.author, thread=thread)
    ensure_handle(post.author)
    told = {post.author.pk}
    count = _notify_mentions(post, told)
    if new_thread:
        kind, followers = (
            NotificationKind.NEW_THREAD,
            Follow.objects.filter(space=thread.space, is_active=True),
        )
    else:
        kind, followers = (
            NotificationKind.REPLY,
            Follow.objects.filter(thread=thread, is_active=True),
        )
    for follow in followers.select_related("user").exclude(user_id__in=told):
        if _notify_one(follow.user, kind=kind, post=post):
            count += 1
        told.add(follow.user_id)
    return count


def post_edited(post: Post) -> int:
    """An edit tells only the members it newly mentions."""
    if post.state != PostState.PUBLISHED or post.author is None:
        return 0
    return _notify_mentions(post, {post.author.pk})


def _notify_mentions(post: Post, told: set[int]) -> int:
    already = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    count = 0
    for user in mentioned_users(post.body):
        if user.pk in told or user.pk in already:
            continue
        told.add(user.pk)
        # Never tell someone of a post in a space they cannot read.
        if not permissions.can_read_thread(user, post.thread):
            continue
        Mention.objects.create(post=post, user=user)
        if _notify_one(user, kind=NotificationKind.MENTION, post=post):
            count += 1
    return count


def _notify_one(user: User, *, kind: str, post: Post) -> bool:
    if not reachable(user) or not permissions.can_read_thread(user, post.thread):
        return False
    frequency = email_frequency(user)
    notification = Notification.objects.create(
        recipient=user,
        kind=kind,
        url=post.get_absolute_url(),
        thread=post.thread,
        post=post,
        awaits_digest=frequency in DigestFrequency.values,
    )
    if frequency == EmailFrequency.IMMEDIATE:
        _send_now(notification)
    return True


def _scope_of(notification: Notification) -> str:
    if notification.kind == NotificationKind.NEW_THREAD and notification.thread:
        return f"space:{notification.thread.space_id}"
    if notification.kind == NotificationKind.REPLY and notification.thread_id:
        return f"thread:{notification.thread_id}"
    return ALL


def _send_now(notification: Notification) -> None:
    user, post = notification.recipient, notification.post
    assert post is not None  # noqa: S101 - made with its post just above
    scope = _scope_of(notification)
    url = unsubscribe_url(user=user, scope=scope)
    queue_email(
        to=[user.email],
        template=f"community/email/{notification.kind}",
        context={
            "name": user.public_name,
            "url": settings.SITE_URL + notification.url,
            "thread": post.thread,
            "space": post.thread.space,
            "author": post.author.public_name if post.author else "",
            "excerpt": excerpt(post.body),
            "unsubscribe_url": url,
            "unsubscribe_scope": scope.split(":")[0],
        },
        language=user.preferred_language or settings.LANGUAGE_CODE,
        headers=unsubscribe_headers(url),
    )


def excerpt(text: str, length: int = 280) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Answers --------------------------------------------------------------------


@transaction.atomic
def mark_answer(*, thread: Thread, post: Post | None, actor: User) -> Thread:
    """Mark a reply as the thread's answer (``None``: remove the mark)."""
    if post is not None and post.thread_id != thread.pk:
        raise ValueError("The answer must be a reply of the same thread.")
    if post is not None and post.pk == thread.answer_id:
        return thread
    if post is None and thread.answer_id is None:
        return thread
    previous = thread.answer
    thread.answer = post
    thread.save(update_fields=["answer"])
    ThreadEvent.objects.create(
        thread=thread,
        actor=actor,
        post=post or previous,
        action=ThreadAction.ANSWER_MARKED if post else ThreadAction.ANSWER_UNMARKED,
    )
    if post is not None and post.author is not None and post.author_id != actor.pk:
        _notify_one(post.author, kind=NotificationKind.ANSWER, post=post)
    return thread


# Digests ------------------------------------------------------------------


def period_of(frequency: str, now: datetime) -> str:
    day = (now - timedelta(hours=DIGEST_HOUR)).date()
    if frequency == DigestFrequency.DAILY:
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def send_digests(*, now: datetime | None = None) -> int:
    """One digest per person and period with what waits for it, grouped by
    thread; returns how many were sent. Each person's digest is recorded
    (its notifications point to it) in the transaction that queues its
    e-mail, so a crash and a rerun neither send it twice nor skip it."""
    now = now or timezone.now()
    sent = 0
    waiting = (
        Notification.objects.filter(awaits_digest=True, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for recipient_id in sorted(set(waiting)):
        with transaction.atomic():
            if _send_digest(recipient_id, now):
                sent += 1
    return sent


def _send_digest(recipient_id: int, now: datetime) -> bool:
    from ecoc_hub.accounts.models import User

    user = User.objects.select_for_update().get(pk=recipient_id)
    pending = Notification.objects.filter(
        recipient=user, awaits_digest=True, created_at__lte=now
    )
    frequency = email_frequency(user)
    if frequency not in DigestFrequency.values or not reachable(user):
        # The person chose no digest (any more): the site still shows them.
        pending.update(awaits_digest=False)
        return False
    period = period_of(frequency, now)
    if Digest.objects.filter(
        recipient=user, frequency=frequency, period=period
    ).exists():
        return False  # this period's digest left; the rest waits for the next
    items = list(
        pending.select_related("thread__space__organisation", "post__author").order_by(
            "created_at", "pk"
        )
    )
    shown = [n for n in items if _still_readable(user, n)]
    if not shown:
        pending.update(awaits_digest=False)
        return False
    digest = Digest.objects.create(
        recipient=user, frequency=frequency, period=period, created_at=now
    )
    Notification.objects.filter(pk__in=[n.pk for n in shown]).update(
        awaits_digest=False, digest=digest
    )
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(
        awaits_digest=False
    )
    url = unsubscribe_url(user=user, scope=ALL)
    queue_email(
        to=[user.email],
        template="community/email/digest",
        context={
            "name": user.public_name,
            "frequency": frequency,
            "entries": digest_entries(shown),
            "unsubscribe_url": url,
            "unsubscribe_scope": ALL,
            "settings_url": settings.SITE_URL
            + reverse("community:notification_settings"),
        },
        language=user.preferred_language or settings.LANGUAGE_CODE,
        headers=unsubscribe_headers(url),
    )
    return True


def _still_readable(user: User, notification: Notification) -> bool:
    thread, post = notification.thread, notification.post
    if thread is None or post is None:
        return False
    return post.state == PostState.PUBLISHED and permissions.can_read_thread(
        user, thread
    )


def digest_entries(notifications: Iterable[Notification]) -> list[dict[str, Any]]:
    """One entry per thread, however many notifications it had."""
    entries: dict[int, dict[str, Any]] = {}
    for n in notifications:
        assert n.thread is not None and n.post is not None  # noqa: S101
        entry = entries.setdefault(
            n.thread.pk,
            {
                "thread": n.thread,
                "space": n.thread.space,
                "url": settings.SITE_URL + n.url,
                "kinds": [],
                "count": 0,
                "authors": [],
                "excerpt": excerpt(n.post.body, 200),
            },
        )
        entry["count"] += 1
        if n.kind not in entry["kinds"]:
            entry["kinds"].append(n.kind)
        name = n.post.author.public_name if n.post.author else ""
        if name and name not in entry["authors"]:
            entry["authors"].append(name)
    for entry in entries.values():
        entry["kind_labels"] = [NotificationKind(k).label for k in entry["kinds"]]
        entry["authors"] = ", ".join(entry["authors"])
    return list(entries.values())


# Unsubscribing ------------------------------------------------------------


def unsubscribe_token(*, user: User, scope: str) -> str:
    return signing.dumps({"u": user.pk, "s": scope}, salt=_SALT, compress=True)


def unsubscribe_url(*, user: User, scope: str) -> str:
    token = unsubscribe_token(user=user, scope=scope)
    return settings.SITE_URL + reverse("community:unsubscribe", args=[token])


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer one-click unsubscribing."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class BadToken(Exception):
    def __init__(self, *, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def read_token(token: str) -> tuple[User, str, Space | Thread | None]:
    """The person, the scope and what it names; ``BadToken`` otherwise."""
    from ecoc_hub.accounts.models import User

    try:
        data = signing.loads(token, salt=_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except signing.BadSignature as error:
        raise BadToken(expired=False) from error
    if not isinstance(data, dict):
        raise BadToken(expired=False)
    user_pk = data.get("u")
    user = (
        User.objects.filter(pk=user_pk, is_active=True).first()
        if isinstance(user_pk, int)
        else None
    )
    scope = str(data.get("s", ""))
    if user is None:
        raise BadToken(expired=False)
    kind, _sep, pk = scope.partition(":")
    target: Space | Thread | None = None
    if kind == "thread":
        target = Thread.objects.filter(pk=pk).first()
    elif kind == "space":
        target = Space.objects.filter(pk=pk).first()
    elif scope != ALL:
        raise BadToken(expired=False)
    if kind in {"thread", "space"} and target is None:
        scope = ALL  # what the link named is gone: offer the rest
    return user, scope, target


@transaction.atomic
def unsubscribe(*, user: User, target: Space | Thread | None) -> None:
    """Stop following ``target``; with ``None``, no more e-mail at all
    from the discussions (the site still shows the notifications)."""
    if target is None:
        set_email_frequency(user=user, email=EmailFrequency.NONE)
        Notification.objects.filter(recipient=user, awaits_digest=True).update(
            awaits_digest=False
        )
    else:
        set_following(user=user, target=target, follow=False)
