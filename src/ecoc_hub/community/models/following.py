"""Following spaces and threads, how each person wants their e-mail, the
digests sent, the members a post mentioned, and a thread's own history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import DigestFrequency, EmailFrequency, ThreadAction
from .discussions import Post, Space, Thread


class Follow(models.Model):
    """A person follows a space (its new threads) or a thread (its replies).

    Unfollowing keeps the row, inactive: an author or replier who
    unfollowed is not made to follow again by their next reply.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_follows",
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("space"),
    )
    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("thread"),
    )
    is_active = models.BooleanField(_("following"), default=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(space__isnull=False, thread__isnull=True)
                    | models.Q(space__isnull=True, thread__isnull=False)
                ),
                name="community_follow_space_or_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=models.Q(space__isnull=False),
                name="community_follow_space_once",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="community_follow_thread_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.thread or self.space}"

    @property
    def target(self) -> Space | Thread:
        """What is followed: the space or the thread (a constraint holds
        exactly one)."""
        if self.space is not None:
            return self.space
        assert self.thread is not None  # noqa: S101 - the check constraint
        return self.thread


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_preference",
    )
    email = models.CharField(
        _("e-mail about the discussions"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__in=EmailFrequency.values),
                name="community_preference_email_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"


class Digest(models.Model):
    """One digest e-mail: its notifications point to it (what it included).

    One per person, frequency and period (a day, an ISO week), so a rerun
    after a crash never sends a period's digest twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_digests",
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=DigestFrequency.choices
    )
    #: ``2026-12-04`` for a day, ``2026-W49`` for a week.
    period = models.CharField(_("period"), max_length=10)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=DigestFrequency.values),
                name="community_digest_frequency_valid",
            ),
            models.UniqueConstraint(
                fields=["recipient", "frequency", "period"],
                name="community_digest_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.frequency} {self.period}"


class Mention(models.Model):
    """A member a post mentioned and who was told: an edit tells only the
    newly mentioned."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_mentions",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user"], name="community_mention_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id} @{self.user_id}"


class ThreadEvent(models.Model):
    """The thread's history: who marked which reply as the answer, and when."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=ThreadAction.choices)
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reply"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("thread event")
        verbose_name_plural = _("thread events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ThreadAction.values),
                name="community_thread_event_action_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.action}"
