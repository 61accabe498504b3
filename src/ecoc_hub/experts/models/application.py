"""Experts' profiles, their applications to calls, and the history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from ..enums import ApplicationState, Decision, EcocRole, Profile
from .call import Call, EvaluationRound


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
