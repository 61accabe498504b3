"""A call for experts and its rules: profiles, rounds, score categories."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import Profile


class Call(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    is_published = models.BooleanField(_("published"), default=False)
    languages = models.JSONField(
        _("languages of the call"),
        default=list,
        blank=True,
        help_text=_("Languages in which applications may be written."),
    )
    # Eligibility rules, as data. An applicant needs min_years_sector AND
    # (min_years_consultancy OR min_years_ecoc_team).
    min_years_sector = models.PositiveSmallIntegerField(
        _("minimum years in the cultural or social sector"), default=4
    )
    min_years_consultancy = models.PositiveSmallIntegerField(
        _("minimum years as a consultant or trainer"), default=1
    )
    min_years_ecoc_team = models.PositiveSmallIntegerField(
        _("or minimum years in an ECoC delivery team"), default=1
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.50"),
        help_text=_(
            "A spread of weighted scores between reviewers above this value "
            "flags the application."
        ),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_calls",
        verbose_name=_("call managers"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("call for experts")
        verbose_name_plural = _("calls for experts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="experts_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(reviewers_per_application__gte=1),
                name="experts_call_reviewers_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experts:call", args=[self.slug])

    def is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    def profile_codes(self) -> list[str]:
        return [p.profile for p in self.profiles.all()]

    def round_for(self, day: date) -> EvaluationRound | None:
        """The first round whose cut-off is on or after ``day``."""
        return self.rounds.filter(cutoff_on__gte=day).order_by("cutoff_on").first()


class CallProfile(models.Model):
    """A profile the call offers, with its own sub-criteria (one per line)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("call")
    )
    profile = models.CharField(_("profile"), max_length=20, choices=Profile.choices)
    sub_criteria = models.TextField(
        _("sub-criteria"), blank=True, help_text=_("One requirement per line.")
    )

    class Meta:
        ordering = ["call", "profile"]
        verbose_name = _("profile offered")
        verbose_name_plural = _("profiles offered")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "profile"], name="experts_call_profile_once"
            ),
            models.CheckConstraint(
                condition=models.Q(profile__in=Profile.values),
                name="experts_call_profile_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.get_profile_display()

    def sub_criteria_lines(self) -> list[str]:
        return [
            gettext(line.strip()) for line in self.sub_criteria.splitlines() if line
        ]


class EvaluationRound(models.Model):
    """Applications submitted up to ``cutoff_on`` are evaluated together."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("call")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    cutoff_on = models.DateField(_("cut-off date"))
    decisions_sent_at = models.DateTimeField(
        _("decisions sent at"), null=True, blank=True
    )

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"], name="experts_round_number_once"
            ),
            models.UniqueConstraint(
                fields=["call", "cutoff_on"], name="experts_round_cutoff_once"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Round %(number)s") % {"number": self.number}


class ScoreCategory(models.Model):
    """What reviewers score, with labelled values and a weight."""

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="score_categories",
        verbose_name=_("call"),
    )
    name = models.CharField(_("name"), max_length=120)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    #: ``[[value, label], ...]`` from the lowest to the highest value.
    values = models.JSONField(_("values and labels"), default=list)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("score category")
        verbose_name_plural = _("score categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="experts_category_weight"
            ),
            models.UniqueConstraint(
                fields=["call", "name"], name="experts_category_name_once"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    def value_choices(self) -> list[tuple[int, str]]:
        return [(int(value), gettext(str(label))) for value, label in self.values]
