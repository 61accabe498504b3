"""Certificates the platform issues (attendance, completion), verifiable by code."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

#: Bits of the W3C Bitstring Status List (the spec's minimum, 16 KiB): the
#: index of each certificate is drawn at random in it, for herd privacy.
STATUS_LIST_SIZE = 131_072


class Status(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    uuid = models.UUIDField(_("identifier"), unique=True, editable=False)
    # Twelve characters of Crockford's base 32 (60 bits), shown in groups of
    # four: short enough to type, far too many to guess.
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("name as printed"), max_length=200)
    title = models.CharField(_("achievement"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(_("criteria"))
    # The language the certificate was issued in (its PDF is printed in it).
    language = models.CharField(_("language"), max_length=8)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=64)
    source = GenericForeignKey("source_type", "source_id")
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    status_index = models.PositiveIntegerField(unique=True)
    # The signed Open Badges credential, kept exactly as issued.
    credential_jwt = models.TextField()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["source_type", "source_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "source_type", "source_id"],
                condition=models.Q(status="valid", recipient__isnull=False),
                name="certificate_one_valid_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="certificate_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status_index__lt=STATUS_LIST_SIZE),
                name="certificate_status_index_in_list",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=Status.VALID, revoked_at__isnull=True)
                    | models.Q(status=Status.REVOKED, revoked_at__isnull=False)
                ),
                name="certificate_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.recipient_name}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_valid(self) -> bool:
        return self.status == Status.VALID


class CertificateEvent(StateHistory):
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="history"
    )
    action = models.CharField(max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("certificate history entry")
        verbose_name_plural = _("certificate history")

    @property
    def action_label(self) -> str:
        labels = {
            "issued": _("Issued"),
            "revoked": _("Revoked"),
            "reissued": _("Revoked as re-issued"),
        }
        return str(labels.get(self.action, self.action))
