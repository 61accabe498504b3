"""Attendance: who was at which session (imported by ``events.models``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckInMethod(models.TextChoices):
    TICKET = "ticket", _("Ticket scanned")
    LIST = "list", _("Check-in list")


class Attendance(models.Model):
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("participant"),
    )
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    method = models.CharField(_("how"), max_length=10, choices=CheckInMethod.choices)

    class Meta:
        app_label = "events"
        ordering = ["session__starts_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=CheckInMethod.values),
                name="attendance_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.session}"
