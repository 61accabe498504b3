"""Cohort courses (issue 14): webinars linked as live sessions, and the
published versions of a course with their ZIP snapshots."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .course import Course


class LiveSession(models.Model):
    """A webinar of the events app, linked as a live session of a cohort
    course (the events app knows nothing of it: ``related_name="+"``)."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="live_sessions"
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("webinar"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "event"], name="one_link_per_webinar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.event}"


class CourseVersion(models.Model):
    """A release of a course: its number, what changed, who published it and
    when, and the course's ZIP export at that moment (``snapshot``)."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("what changed"), max_length=2000, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    snapshot = models.FileField(_("snapshot (ZIP)"), max_length=200)
    snapshot_sha256 = models.CharField(max_length=64, editable=False)
    snapshot_size = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("course version")
        verbose_name_plural = _("course versions")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "number"], name="one_version_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="version_number_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.number}"
