"""Speakers, events and the sessions of their programme."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime, tzinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check

from ..enums import Format, Kind, RegistrationMode, Visibility
from .validators import validate_language_list, validate_time_zone


class Speaker(models.Model):
    """A trainer, keynote or moderator: a person with a public bio."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("public bio"), max_length=3000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_profiles",
        verbose_name=_("account"),
    )
    is_public = models.BooleanField(
        _("bio is public"),
        default=True,
        help_text=_("Show the name and bio on event pages and in the API."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:speaker", args=[self.slug])


class Event(models.Model):
    Kind = Kind
    Format = Format
    Visibility = Visibility
    RegistrationMode = RegistrationMode

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: links, lists, emphasis.")
    )
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="events",
        verbose_name=_("themes (capacity areas)"),
    )
    host_title = models.ForeignKey(
        "cities.Title",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("host title city"),
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), max_length=500, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    venue_accessibility = models.TextField(
        _("accessibility of the venue"), max_length=2000, blank=True
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to accepted participants."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    languages = models.JSONField(
        _("working languages"),
        default=list,
        blank=True,
        validators=[validate_language_list],
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=300,
        blank=True,
        help_text=_("For example: simultaneous interpretation English to French."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.SELECTION,
    )
    applications_open_at = models.DateTimeField(
        _("applications open"), null=True, blank=True
    )
    applications_close_at = models.DateTimeField(
        _("applications close"), null=True, blank=True
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered place"), default=48
    )
    follow_up_deadline = models.DateTimeField(
        _("follow-up forms due"),
        null=True,
        blank=True,
        help_text=_("Empty: accepted participants are not asked for a follow-up form."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("days personal data is kept after the event"), default=365
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True, editable=False
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate (% of sessions)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    materials = models.ManyToManyField(
        "library.Resource",
        blank=True,
        related_name="academy_events",
        verbose_name=_("recordings and materials"),
    )
    #: RFC 5545 SEQUENCE of the event's own VEVENT (``organising.update_event``).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            choices_check("kind", Kind, "event_kind_valid"),
            choices_check("format", Format, "event_format_valid"),
            choices_check("visibility", Visibility, "event_visibility_valid"),
            choices_check(
                "registration_mode", RegistrationMode, "event_registration_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(applications_open_at__isnull=True)
                | models.Q(applications_close_at__isnull=True)
                | models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="event_application_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(offer_hours__gte=1), name="event_offer_hours_min"
            ),
            models.CheckConstraint(
                condition=models.Q(retention_days__gte=1),
                name="event_retention_days_min",
            ),
            models.CheckConstraint(
                condition=models.Q(attendance_percent__range=(1, 100)),
                name="event_attendance_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end is before the start.")})
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            raise ValidationError(
                {"applications_close_at": _("Applications close before they open.")}
            )

    @property
    def zone(self) -> tzinfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format in {Format.ONLINE, Format.HYBRID}

    @property
    def has_venue(self) -> bool:
        return self.format in {Format.ON_SITE, Format.HYBRID}

    @property
    def is_public(self) -> bool:
        return self.visibility != Visibility.DRAFT

    def is_past(self, now: datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def applications_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.visibility != Visibility.PUBLISHED or self.is_cancelled:
            return False
        if self.is_past(now):
            return False
        if self.applications_open_at and now < self.applications_open_at:
            return False
        return not (self.applications_close_at and now >= self.applications_close_at)


class Session(models.Model):
    """One slot of the programme; times are stored in UTC and shown in the
    event's zone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to participants.")
    )
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )
    description = models.TextField(_("description"), blank=True)
    materials = models.ManyToManyField(
        "library.Resource",
        blank=True,
        related_name="event_sessions",
        verbose_name=_("materials"),
    )
    #: RFC 5545 SEQUENCE: raised by ``services.update_session`` on each change.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.event.slug]) + f"#session-{self.pk}"
