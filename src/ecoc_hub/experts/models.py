"""Calls for experts, the people who apply, and their applications.

A ``Call`` holds its rules as data (eligibility, the profiles it offers with
their sub-criteria, evaluation rounds, score categories). An
``ExpertProfile`` is one person across every call and round; an
``Application`` is that person's answer to one call, moved through its
states only by ``experts.workflow``.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from .enums import ApplicationState, Decision, EcocRole, Level, Profile, Recommendation


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


class ExpertProfile(models.Model):
    """One person across calls and rounds (and, once accepted, in the pool)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    country = models.CharField(
        _("country of residence"),
        max_length=2,
        help_text=_("Used with the name to find the same person applying twice."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_profiles",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.full_name


class Application(models.Model):
    State = ApplicationState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("call"),
    )
    expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
    )
    round = models.ForeignKey(
        EvaluationRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("evaluation round"),
    )
    profiles = models.JSONField(_("profiles applied for"), default=list, blank=True)
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="expert_applications",
        verbose_name=_("capacity areas of expertise"),
    )
    #: ``[{"code": "fr", "level": "C1"}, ...]``
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.JSONField(_("countries of experience"), default=list, blank=True)
    years_sector = models.PositiveSmallIntegerField(
        _("years in the cultural or social sector"), null=True, blank=True
    )
    years_consultancy = models.PositiveSmallIntegerField(
        _("years as a consultant or trainer"), null=True, blank=True
    )
    years_ecoc_team = models.PositiveSmallIntegerField(
        _("years in an ECoC delivery team"), null=True, blank=True
    )
    motivation = models.TextField(_("experience and motivation"), blank=True)
    references = models.TextField(_("references"), blank=True)
    availability = models.TextField(_("availability"), blank=True)
    cv = models.ForeignKey(
        "library.Blob",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CV"),
    )
    cv_name = models.CharField(_("CV file name"), max_length=255, blank=True)
    declaration = models.BooleanField(_("declaration of honour"), default=False)
    #: The manager's drafted decision, sent with the round's decisions.
    decision = models.CharField(
        _("drafted decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.NONE,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ApplicationState.values),
                name="experts_application_state_valid",
            ),
            models.UniqueConstraint(
                fields=["call", "expert"], name="experts_one_application_per_call"
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=Decision.values),
                name="experts_application_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s for %(call)s") % {
            "name": self.expert.full_name,
            "call": self.call.title,
        }

    def get_absolute_url(self) -> str:
        return reverse("experts:application", args=[self.uuid])

    @property
    def scope(self) -> str:
        """The profile the application is reviewed and ranked in."""
        return self.profiles[0] if self.profiles else ""

    @property
    def reference(self) -> str:
        """The blind name reviewers see instead of the applicant's."""
        return gettext("Application %(number)s") % {"number": self.pk}

    def profile_labels(self) -> list[str]:
        labels = dict(Profile.choices)
        return [str(labels.get(code, code)) for code in self.profiles]


class EcocExperience(models.Model):
    """A title the applicant worked for, and in which role."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="ecoc_experience",
        verbose_name=_("application"),
    )
    title = models.ForeignKey(
        "cities.Title",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("title"),
    )
    role = models.CharField(_("role"), max_length=20, choices=EcocRole.choices)
    years = models.PositiveSmallIntegerField(
        _("years"), default=1, validators=[MaxValueValidator(60)]
    )

    class Meta:
        ordering = ["application", "title__year"]
        verbose_name = _("ECoC experience")
        verbose_name_plural = _("ECoC experience")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=EcocRole.values),
                name="experts_ecoc_role_valid",
            ),
            models.UniqueConstraint(
                fields=["application", "title", "role"],
                name="experts_ecoc_experience_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_role_display()})"


class ApplicationEvent(StateHistory):
    """The history of an application's states (``experts.workflow``)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("application"),
    )
    action = models.CharField(_("action"), max_length=30)

    class Meta(StateHistory.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d}"

    @property
    def to_state_label(self) -> str:
        return str(dict(ApplicationState.choices).get(self.to_state, self.to_state))


class CallReviewer(models.Model):
    """A panel member of one call, reviewing in the profiles listed."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_panels",
        verbose_name=_("reviewer"),
    )
    profiles = models.JSONField(_("profiles reviewed"), default=list)

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "user"], name="experts_reviewer_once_per_call"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.Model):
    """A reviewer's declared conflict of interest with one application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
        verbose_name=_("reviewer"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="experts_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} / {self.application_id}"


class Review(models.Model):
    """One reviewer's assignment to one application, and their review.

    When the reviewer's account is deleted the review stays, anonymous
    (``reviewer`` is emptied), so the ranking does not change.
    """

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="expert_reviews",
        verbose_name=_("reviewer"),
    )
    is_manual = models.BooleanField(_("assigned by hand"), default=False)
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="experts_review_once"
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation__in=[*Recommendation.values, ""]),
                name="experts_review_recommendation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.reviewer_id}"

    def get_absolute_url(self) -> str:
        return reverse("experts:review", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    review = models.ForeignKey(
        Review,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("review"),
    )
    category = models.ForeignKey(
        ScoreCategory,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("category"),
    )
    value = models.SmallIntegerField(_("value"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "category"], name="experts_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.value}"


__all__ = [
    "Application",
    "ApplicationEvent",
    "Call",
    "CallProfile",
    "CallReviewer",
    "Conflict",
    "EcocExperience",
    "EvaluationRound",
    "ExpertProfile",
    "Level",
    "Review",
    "Score",
    "ScoreCategory",
]
