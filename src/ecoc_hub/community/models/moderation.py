"""Moderation under the Digital Services Act, and on-site notifications.

- ``Notice``: someone reports a post with a reason (Article 16); a
  moderator decides it (``NoticeEvent`` keeps who decided what, when).
- ``PostEvent``: the history of a post's state (held, published, hidden).
- ``Statement``: the statement of reasons the author receives when a post
  is held back or hidden (Article 17): what was restricted, the facts, the
  ground, whether a notice led to it, and how to contest it.
- ``Appeal``: the author contests a statement (the internal complaint of
  Article 20); another look decides it (``AppealEvent``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from ..enums import (
    AppealState,
    DecisionGround,
    NoticeReason,
    NoticeState,
    NotificationKind,
)
from .discussions import Post, Thread


class PostEvent(StateHistory):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("moderation of a post")
        verbose_name_plural = _("moderation of posts")


class Notice(models.Model):
    """A report of a post, with its reason (DSA Article 16)."""

    Reason = NoticeReason
    State = NoticeState

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="notices", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_notices",
        verbose_name=_("reported by"),
    )
    reporter_email = models.EmailField(_("e-mail address of the reporter"), blank=True)
    reason = models.CharField(_("reason"), max_length=12, choices=NoticeReason.choices)
    explanation = models.TextField(_("explanation"), max_length=4000)
    state = models.CharField(
        _("state"), max_length=10, choices=NoticeState.choices, default=NoticeState.OPEN
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=NoticeReason.values),
                name="community_notice_reason_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=NoticeState.values),
                name="community_notice_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"

    def get_absolute_url(self) -> str:
        return reverse("community:notice", args=[self.pk])


class NoticeEvent(StateHistory):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("decision on a notice")
        verbose_name_plural = _("decisions on notices")


class Statement(models.Model):
    """The statement of reasons sent to a post's author (DSA Article 17)."""

    Ground = DecisionGround

    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("post"),
    )
    #: The history row of the restriction it explains.
    event = models.OneToOneField(
        PostEvent, on_delete=models.CASCADE, related_name="statement"
    )
    notice = models.ForeignKey(
        Notice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("notice"),
    )
    ground = models.CharField(
        _("ground"), max_length=10, choices=DecisionGround.choices
    )
    explanation = models.TextField(_("facts and reasons"))
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("statement of reasons")
        verbose_name_plural = _("statements of reasons")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ground__in=DecisionGround.values),
                name="community_statement_ground_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("community:statement", args=[self.pk])


class Appeal(models.Model):
    """The author contests a statement of reasons (DSA Article 20)."""

    State = AppealState

    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        related_name="appeal",
        verbose_name=_("statement of reasons"),
    )
    text = models.TextField(_("why the decision is wrong"), max_length=4000)
    state = models.CharField(
        _("state"), max_length=10, choices=AppealState.choices, default=AppealState.OPEN
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=AppealState.values),
                name="community_appeal_state_valid",
            )
        ]

    def __str__(self) -> str:
        return str(self.statement)


class AppealEvent(StateHistory):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("decision on an appeal")
        verbose_name_plural = _("decisions on appeals")


class Notification(models.Model):
    """A line on the person's notifications page, rendered in their language."""

    Kind = NotificationKind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    #: The post a reply, new thread or mention notification is about.
    post = models.ForeignKey(
        "Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    #: Waits for the person's next digest e-mail.
    awaits_digest = models.BooleanField(default=False, db_index=True)
    digest = models.ForeignKey(
        "Digest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values),
                name="community_notification_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"
