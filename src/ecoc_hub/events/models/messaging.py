"""Calendar feeds and what is sent to applicants: e-mail templates,
follow-up forms, reminders."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check

from .application import Application
from .event import Event


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("events:feed", args=[self.token])


class MessageKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not selected")
    OFFER = "offer", _("A place offered")


class EmailTemplate(models.Model):
    """An event's own wording of one decision e-mail in one language.

    ``$name``, ``$event``, ``$link`` and ``$deadline`` are replaced when it is
    sent; without a template of its own the event uses the site's wording.
    """

    Kind = MessageKind

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="email_templates",
        verbose_name=_("event"),
    )
    kind = models.CharField(_("message"), max_length=12, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kind", "language"], name="email_template_unique"
            ),
            choices_check("kind", MessageKind, "email_template_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"


class FollowUp(models.Model):
    """What an accepted participant tells the organisers before the event."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("application"),
    )
    travel = models.TextField(
        _("travel"),
        max_length=2000,
        blank=True,
        help_text=_("How and when you arrive and leave, if you travel."),
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=2000, blank=True
    )
    photo_consent = models.BooleanField(
        _("I agree to appear in photos and recordings of the event"), default=False
    )
    submitted_at = models.DateTimeField(_("sent"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up form")
        verbose_name_plural = _("follow-up forms")

    def __str__(self) -> str:
        return str(self.application)


class ReminderKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up form due")
    DAY_BEFORE = "day_before", _("A day before")
    HOUR_BEFORE = "hour_before", _("An hour before")


class Reminder(models.Model):
    """A reminder sent once: the row is what stops a second one."""

    Kind = ReminderKind

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("reminder"), max_length=12, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="reminder_once_per_kind"
            ),
            choices_check("kind", ReminderKind, "reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.kind
