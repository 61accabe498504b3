"""The expert pool: accepted applicants and the public profile they control.

A ``PoolExpert`` is made once per person when a call accepts them
(``pool_services.add_to_pool``); from then on the expert edits it: which
fields are public, a bio, areas, profiles, languages, countries, an optional
day rate, and ``AvailabilityPeriod`` rows (the calendar the matching reads).
``confirmed_at`` is the last time they saved or confirmed it: a profile not
confirmed for ``STALE_AFTER`` is stale, ranks lower and its expert is
reminded (``pool_tasks.remind_stale_profiles``). ``PoolContact`` keeps each
message a city team member sent through the contact form (the rate limit
counts them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: A profile not saved or confirmed for this long is stale.
STALE_AFTER = timedelta(days=365)
#: Reminders start this long before a profile turns stale, and repeat at
#: most once per REMIND_EVERY.
REMIND_BEFORE = timedelta(days=30)
REMIND_EVERY = timedelta(days=30)


class PoolExpert(models.Model):
    expert = models.OneToOneField(
        "experts.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="pool_entry",
        verbose_name=_("expert"),
    )
    application = models.ForeignKey(
        "experts.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted application"),
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    is_listed = models.BooleanField(
        _("show my profile in the pool"),
        default=True,
        help_text=_(
            "When unticked, nobody but you and the curators sees your profile, "
            "and you are not proposed to city teams."
        ),
    )
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    bio = models.TextField(_("about me"), max_length=4000, blank=True)
    #: The language ``bio`` is written in (its stemming in the matching).
    bio_language = models.CharField(
        _("language of the text"), max_length=8, default="en"
    )
    profiles = models.JSONField(_("expert profiles"), default=list, blank=True)
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="pool_experts",
        verbose_name=_("capacity areas"),
    )
    #: ``[{"code": "fr", "level": "C1"}, ...]``
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.JSONField(_("countries of experience"), default=list, blank=True)
    day_rate = models.PositiveIntegerField(
        _("day rate (EUR)"),
        null=True,
        blank=True,
        help_text=_("Optional. Leave empty to not show a rate."),
    )
    show_email = models.BooleanField(
        _("show my e-mail address to signed-in members of city teams"),
        default=False,
    )
    show_photo = models.BooleanField(
        _("show the photo of my account"),
        default=False,
    )
    show_experience = models.BooleanField(
        _("show the European Capitals of Culture I worked for"),
        default=True,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["expert__full_name", "pk"]
        verbose_name = _("pool expert")
        verbose_name_plural = _("pool experts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day_rate__isnull=True) | models.Q(day_rate__gt=0),
                name="experts_pool_day_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.expert.full_name

    def get_absolute_url(self) -> str:
        return reverse("experts:pool_expert", args=[self.slug])

    def is_stale(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) - self.confirmed_at > STALE_AFTER

    @property
    def stale_on(self) -> datetime:
        return self.confirmed_at + STALE_AFTER


class AvailabilityPeriod(models.Model):
    """Days the expert says they are available (both ends included)."""

    expert = models.ForeignKey(
        PoolExpert,
        on_delete=models.CASCADE,
        related_name="availability",
        verbose_name=_("expert"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["expert", "starts_on", "pk"]
        verbose_name = _("availability period")
        verbose_name_plural = _("availability periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="experts_availability_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return gettext("From %(start)s to %(end)s") % {
            "start": date_format(self.starts_on),
            "end": date_format(self.ends_on),
        }


class PoolContact(models.Model):
    """A message sent to a pool expert through the contact form."""

    expert = models.ForeignKey(
        PoolExpert,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("expert"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("sender"),
    )
    team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("city team"),
    )
    message = models.TextField(_("message"), max_length=3000)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message to a pool expert")
        verbose_name_plural = _("messages to pool experts")
        indexes = [models.Index(fields=["sender", "sent_at"])]

    def __str__(self) -> str:
        return gettext("%(sender)s to %(expert)s") % {
            "sender": self.sender.public_name,
            "expert": self.expert.expert.full_name,
        }


__all__ = ["AvailabilityPeriod", "PoolContact", "PoolExpert"]
