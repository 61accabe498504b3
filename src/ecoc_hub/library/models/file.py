"""Stored blobs, a resource's files, and the pages extracted from them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    Extraction,
    FileKind,
)
from .resource import Resource


class Blob(models.Model):
    """File content stored once under its SHA-256."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.BigIntegerField(_("size in bytes"))
    media_type = models.CharField(_("media type"), max_length=120)
    storage_name = models.CharField(_("storage name"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=0), name="blob_size")
        ]

    def __str__(self) -> str:
        return self.sha256


class ResourceFile(models.Model):
    Kind = FileKind
    Extraction = Extraction

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="files"
    )
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(_("format"), max_length=8, choices=Kind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    label = models.CharField(_("label"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("earlier version"),
    )
    is_current = models.BooleanField(_("current version"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=8,
        choices=Extraction.choices,
        default=Extraction.PENDING,
    )
    extraction_error = models.TextField(_("extraction problem"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    duration_seconds = models.FloatField(
        _("duration in seconds"), null=True, blank=True
    )
    thumbnail = models.ForeignKey(
        Blob,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thumbnail_of",
    )

    class Meta:
        ordering = ["position", "-version"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extraction_status__in=Extraction.values),
                name="file_extraction_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(extraction_status=Extraction.FAILED)
                | ~models.Q(extraction_error=""),
                name="file_failure_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="file_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("library:file", args=[self.uuid, self.original_name])

    @property
    def display_name(self) -> str:
        return self.label or self.original_name

    @property
    def is_pdf(self) -> bool:
        return self.kind == self.Kind.PDF

    @property
    def is_image(self) -> bool:
        return self.kind in {self.Kind.JPEG, self.Kind.PNG, self.Kind.WEBP}

    @property
    def is_audio(self) -> bool:
        return self.kind in {self.Kind.MP3, self.Kind.M4A, self.Kind.OGG}

    @property
    def is_video(self) -> bool:
        return self.kind in {self.Kind.MP4, self.Kind.WEBM}

    @property
    def is_captions(self) -> bool:
        return self.kind == self.Kind.VTT


class FilePage(models.Model):
    """Extracted text of one page (PDF), slide (PPTX) or the whole file."""

    file = models.ForeignKey(
        ResourceFile, on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"))
    start_seconds = models.FloatField(
        _("starts at (seconds)"), null=True, blank=True, help_text=_("For captions.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="page_unique")
        ]

    def __str__(self) -> str:
        return f"{self.file_id} p.{self.number}"
