"""What the discussions keep about a person, for the data export and for
the deletion of an account.

A deleted member's posts stay, credited to "Former member" (the account
row is kept as such by ``accounts``); when the person asks for their
contributions to be removed, each post's text is replaced (the post and
the thread's shape stay, so replies still make sense) and the earlier
versions and the post's attached files are deleted. The attached files are
in the person's export: named in the JSON, and as files in its ZIP
(``community_files_of``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.text import get_valid_filename

from ecoc_hub.accounts.privacy import ContributionChoice, PersonalFile
from ecoc_hub.core import metrics

from .attachments import delete_attachments
from .following import email_frequency
from .models import (
    Appeal,
    Attachment,
    Digest,
    DirectoryEntry,
    Follow,
    Mention,
    Notice,
    Notification,
    NotificationPreference,
    Post,
    PostRevision,
    Thread,
)
from .search_index import index_thread

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_community_data(user: User) -> dict[str, Any]:
    site = settings.SITE_URL
    posts = Post.objects.filter(author=user).select_related("thread").order_by("pk")
    return {
        "threads_started": [
            {
                "title": t.title,
                "url": site + t.get_absolute_url(),
                "started": _iso(t.created_at),
            }
            for t in Thread.objects.filter(author=user).order_by("pk")
        ],
        "posts": [
            {
                "thread": post.thread.title,
                "url": site + post.get_absolute_url(),
                "text": post.body,
                "state": post.state,
                "posted": _iso(post.created_at),
                "edited": _iso(post.edited_at),
                "earlier_versions": [
                    {"text": r.body, "replaced": _iso(r.created_at)}
                    for r in post.revisions.all()
                ],
                "attachments": [
                    {
                        "file_name": a.file_name,
                        "size": a.blob.size,
                        "sha256": a.blob.sha256,
                        "in_the_zip": _zip_path(a),
                    }
                    for a in post.attachments.all()
                ],
            }
            for post in posts.prefetch_related("revisions", "attachments__blob")
        ],
        "reports_made": [
            {
                "reason": n.reason,
                "explanation": n.explanation,
                "state": n.state,
                "sent": _iso(n.created_at),
            }
            for n in Notice.objects.filter(reporter=user).order_by("pk")
        ],
        "appeals": [
            {"text": a.text, "state": a.state, "sent": _iso(a.created_at)}
            for a in Appeal.objects.filter(statement__post__author=user).order_by("pk")
        ],
        "following": [
            {
                "space": f.space.display_name if f.space else None,
                "thread": f.thread.title if f.thread else None,
                "url": site + f.target.get_absolute_url(),
                "following": f.is_active,
                "since": _iso(f.created_at),
            }
            for f in Follow.objects.filter(user=user)
            .select_related("space__capacity_area", "thread")
            .order_by("pk")
        ],
        "email_preference": email_frequency(user),
        "mention_handle": DirectoryEntry.objects.filter(user=user)
        .values_list("handle", flat=True)
        .first(),
        "notifications": [
            {
                "kind": n.kind,
                "thread": n.thread.title if n.thread else None,
                "url": site + n.url,
                "at": _iso(n.created_at),
                "read": _iso(n.read_at),
                "in_digest_of": n.digest.period if n.digest else None,
            }
            for n in Notification.objects.filter(recipient=user)
            .select_related("thread", "digest")
            .order_by("pk")
        ],
        "digests_sent": [
            {"frequency": d.frequency, "period": d.period, "sent": _iso(d.created_at)}
            for d in Digest.objects.filter(recipient=user).order_by("pk")
        ],
        "mentioned_in": [
            site + m.post.get_absolute_url()
            for m in Mention.objects.filter(user=user)
            .select_related("post__thread")
            .order_by("pk")
        ],
    }


def _zip_path(attachment: Attachment) -> str:
    name = get_valid_filename(attachment.file_name) or "file"
    return f"community/post-{attachment.post_id}/{attachment.pk}-{name}"


def community_files_of(user: User) -> Iterator[PersonalFile]:
    """The files the person attached to their posts, for their ZIP."""
    site = settings.SITE_URL
    attachments = (
        Attachment.objects.filter(post__author=user, post__is_erased=False)
        .select_related("blob", "post__thread")
        .order_by("pk")
    )
    for a in attachments:
        yield PersonalFile(
            path=_zip_path(a),
            storage_name=a.blob.storage_name,
            size=a.blob.size,
            sha256=a.blob.sha256,
            about={
                "file_name": a.file_name,
                "what": "attached to a post",
                "post": site + a.post.get_absolute_url(),
            },
        )


def erase_community_data(user: User, *, contributions: ContributionChoice) -> None:
    Notification.objects.filter(recipient=user).delete()
    Digest.objects.filter(recipient=user).delete()
    Follow.objects.filter(user=user).delete()
    Mention.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DirectoryEntry.objects.filter(user=user).update(handle=None)
    user.moderated_spaces.clear()
    Notice.objects.filter(reporter=user).update(reporter=None, reporter_email="")
    metrics.changed("community")
    if contributions != ContributionChoice.REMOVE:
        return
    posts = Post.objects.filter(author=user)
    threads = set(posts.values_list("thread_id", flat=True))
    PostRevision.objects.filter(post__in=posts).delete()
    delete_attachments(posts)
    Appeal.objects.filter(statement__post__in=posts).update(text="")
    posts.update(body="", is_erased=True)
    metrics.changed("community")
    for pk in threads:
        index_thread(pk)
