"""Reports about a resource and its daily counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ReportReason,
)
from .resource import Resource


class Report(models.Model):
    Reason = ReportReason

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=ReportReason.values),
                name="report_reason_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.reason}"


class DailyCount(models.Model):
    """Views and downloads of a resource on one day; nothing about who."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="daily_counts"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["resource", "day"], name="daily_unique")
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.day}"
