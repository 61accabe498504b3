"""The capacity self-assessment: framework versions, assessments, answers.

The framework's text (statements, level names and descriptions) is written
by curators in the browser, so it is stored once per interface language
(``text_en``, ``text_fr``, ``text_de``) instead of in a catalogue;
``localised()`` picks the reader's language and falls back to English.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from .enums import HIGHEST, LOWEST, AssessmentState, Stage, VersionState

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def localised(obj: object, name: str) -> str:
    """``obj.<name>_<language>`` in the active language, else in English."""
    language = (get_language() or "en").split("-")[0]
    if language not in LANGUAGE_CODES:
        language = "en"
    return str(getattr(obj, f"{name}_{language}", "") or getattr(obj, f"{name}_en"))


class FrameworkVersion(models.Model):
    """One version of the framework; published versions never change."""

    State = VersionState

    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    note = models.TextField(_("what changed"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=VersionState.values),
                name="assessment_version_state_valid",
            ),
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(state=VersionState.DRAFT),
                name="assessment_one_draft_version",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Framework version %(number)d") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("assessment:version", args=[self.number])

    @property
    def is_published(self) -> bool:
        return self.state == VersionState.PUBLISHED


class Level(models.Model):
    """One step of a version's maturity scale, named and described."""

    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="levels",
        verbose_name=_("version"),
    )
    value = models.PositiveSmallIntegerField(_("level"))
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_de = models.CharField(_("name (German)"), max_length=80)
    description_en = models.TextField(_("description (English)"), max_length=600)
    description_fr = models.TextField(_("description (French)"), max_length=600)
    description_de = models.TextField(_("description (German)"), max_length=600)

    class Meta:
        ordering = ["version", "value"]
        verbose_name = _("maturity level")
        verbose_name_plural = _("maturity levels")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "value"], name="assessment_level_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST, value__lte=HIGHEST),
                name="assessment_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value}. {self.name}"

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class Statement(models.Model):
    """A statement a team rates itself on, under one capacity area."""

    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("version"),
    )
    area = models.ForeignKey(
        "cities.CapacityArea",
        on_delete=models.PROTECT,
        related_name="assessment_statements",
        verbose_name=_("capacity area"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = models.CharField(_("statement (English)"), max_length=400)
    text_fr = models.CharField(_("statement (French)"), max_length=400)
    text_de = models.CharField(_("statement (German)"), max_length=400)

    class Meta:
        ordering = ["area__criterion__letter", "area__position", "position", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")


class Assessment(models.Model):
    """A city team's self-assessment at one stage of the cycle."""

    State = AssessmentState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("city team"),
    )
    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework version"),
    )
    stage = models.CharField(_("stage of the cycle"), max_length=20, choices=Stage)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=AssessmentState.choices,
        default=AssessmentState.DRAFT,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    peer_visible = models.BooleanField(
        _("offer us as a peer"),
        default=False,
        help_text=_(
            "Other teams may see that we rated ourselves strong in an area, "
            "so that they can ask us how we did it. Our answers stay private."
        ),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_assessments",
        verbose_name=_("shared with"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values),
                name="assessment_stage_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=AssessmentState.values),
                name="assessment_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("%(team)s, %(stage)s")
            % {"team": self.organisation.name, "stage": self.get_stage_display()}
        )

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", args=[self.uuid])

    @property
    def is_submitted(self) -> bool:
        return self.state == AssessmentState.SUBMITTED


class Answer(models.Model):
    """One statement's rating, with its evidence, who gave it and when.

    ``revision`` counts the saves: a save names the revision it started
    from and fails when someone saved in between, so nobody overwrites an
    answer they have not seen.
    """

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("self-assessment"),
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("statement"),
    )
    level = models.PositiveSmallIntegerField(_("level"))
    evidence = models.TextField(_("evidence"), blank=True, max_length=4000)
    resources = models.ManyToManyField(
        "library.Resource",
        blank=True,
        related_name="assessment_answers",
        verbose_name=_("library resources as evidence"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assessment_answers",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"))
    revision = models.PositiveIntegerField(_("revision"), default=1)

    class Meta:
        ordering = ["statement__area__criterion__letter", "statement__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"], name="assessment_answer_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=LOWEST, level__lte=HIGHEST),
                name="assessment_answer_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.level}"


class AssessmentEvent(StateHistory):
    """The assessment's history (core.workflow)."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("self-assessment"),
    )
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("self-assessment history")
        verbose_name_plural = _("self-assessment history")


class VersionEvent(StateHistory):
    """A framework version's history: who published it, when (core.workflow)."""

    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("framework version"),
    )
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("framework version history")
        verbose_name_plural = _("framework version history")
