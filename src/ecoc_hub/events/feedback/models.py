"""The survey's tables.

Anonymity is in the schema: a ``SurveyResponse`` and its answers have no
person and no time (random UUID keys, so not even their order follows the
order of answering); the personal part is the ``SurveyInvitation``, which
says only that a person was invited, reminded and has answered (a yes or
no, without a time). Nothing joins the two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SurveyQuestionKind(models.TextChoices):
    SCALE = "scale", _("Rating from 1 to 5")
    CHOICE = "choice", _("One choice among options")
    TEXT = "text", _("Free text")


class Survey(models.Model):
    State = SurveyState

    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="survey",
        verbose_name=_("event"),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=SurveyState.choices,
        default=SurveyState.DRAFT,
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("days before the reminder"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Those who have not answered get one reminder this many days "
            "after their invitation."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "events"
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=SurveyState.values),
                name="survey_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(reminder_days__range=(1, 60)),
                name="survey_reminder_days_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)


class SurveyHistory(StateHistory):
    """One change of a survey's state, with who made it and when."""

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("survey"),
    )
    action = models.CharField(_("action"), max_length=40)

    class Meta(StateHistory.Meta):
        app_label = "events"
        verbose_name = _("survey history entry")
        verbose_name_plural = _("survey history")

    def __str__(self) -> str:
        return f"{self.action} {self.from_state} → {self.to_state}"

    @property
    def label(self) -> str:
        return str(SURVEY_HISTORY_LABELS.get(self.action, self.action))


SURVEY_HISTORY_LABELS = {
    "open": _("Survey opened"),
    "close": _("Survey closed"),
    "reopen": _("Survey opened again"),
}


class SurveyQuestion(models.Model):
    Kind = SurveyQuestionKind

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("survey"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SurveyQuestionKind.choices
    )
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_questions",
        verbose_name=_("session"),
        help_text=_("Empty: the question is about the whole event."),
    )
    choices = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        app_label = "events"
        ordering = ["position", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SurveyQuestionKind.values),
                name="survey_question_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def display_label(self) -> str:
        """The label in the reader's language when it is a default one."""
        return gettext(self.label)


class SurveyInvitation(models.Model):
    """The personal part: invited, reminded, answered (yes or no, no time)."""

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("survey"),
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("participant"),
    )
    #: The language of the invitation and the reminder.
    language = models.CharField(_("e-mail language"), max_length=8, default="en")
    invited_at = models.DateTimeField(_("invited"))
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    answered = models.BooleanField(_("has answered"), default=False)

    class Meta:
        app_label = "events"
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "participant"], name="survey_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.survey})"


class SurveyResponse(models.Model):
    """One person's answers, with no person and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("survey"),
    )

    class Meta:
        app_label = "events"
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return str(self.pk)


class SurveyAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        SurveyQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=200, blank=True)
    text = models.TextField(_("text"), max_length=3000, blank=True)

    class Meta:
        app_label = "events"
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__range=(1, 5)),
                name="survey_answer_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.rating or self.choice or self.text[:40])
