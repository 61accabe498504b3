from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of each task worker, read by /health."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class ScheduledJob(models.Model):
    """When each periodic job (``core.schedule``) was last enqueued."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name


class FixityStatus(models.TextChoices):
    OK = "ok", _("Intact")
    CHANGED = "changed", _("Content changed")
    MISSING = "missing", _("Missing")


class FixityScope(models.TextChoices):
    ALL = "all", _("All files")
    SAMPLE = "sample", _("Sample")


class FixityCheck(models.Model):
    """The last time one stored file was re-hashed, and what was found."""

    Status = FixityStatus

    storage_name = models.CharField(_("storage name"), max_length=255, unique=True)
    expected_sha256 = models.CharField(_("expected SHA-256"), max_length=64, blank=True)
    found_sha256 = models.CharField(_("found SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=FixityStatus.choices)
    checked_at = models.DateTimeField(_("checked at"), db_index=True)

    class Meta:
        verbose_name = _("fixity check")
        verbose_name_plural = _("fixity checks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=FixityStatus.values),
                name="fixity_check_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.storage_name


class FixityRun(models.Model):
    """One run of ``ecoc-hub fixity``; an unfinished one is resumed."""

    Scope = FixityScope

    scope = models.CharField(_("scope"), max_length=8, choices=FixityScope.choices)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    checked = models.PositiveIntegerField(_("files checked"), default=0)
    changed = models.PositiveIntegerField(_("files changed"), default=0)
    missing = models.PositiveIntegerField(_("files missing"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("fixity run")
        verbose_name_plural = _("fixity runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=FixityScope.values),
                name="fixity_run_scope_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def problems(self) -> int:
        return self.changed + self.missing


class StateHistory(models.Model):
    """The columns every workflow history row has (see ``core.workflow``).

    A concrete history table adds a foreign key to the object and a column
    for the action, and keeps its own name, so each app's history stays
    next to its data (and its exporter and eraser).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def exported(self) -> dict[str, Any]:
        """The entry as the personal data export writes it."""
        return {
            "action": getattr(self, "action", ""),
            "from": self.from_state,
            "to": self.to_state,
            "at": self.created_at.isoformat(),
            "comment": self.comment,
        }
