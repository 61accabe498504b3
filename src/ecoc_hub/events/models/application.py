"""An event's application form, the applications and their history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check
from ecoc_hub.core.models import StateHistory

from ..enums import (
    ApplicantRole,
    ApplicationState,
    DraftDecision,
    OfferState,
    QuestionKind,
)
from .event import Event
from .validators import validate_language_list


class Question(models.Model):
    """A custom question of an event's application form."""

    Kind = QuestionKind

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("event"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [choices_check("kind", QuestionKind, "question_kind_valid")]

    def __str__(self) -> str:
        return self.label

    @property
    def has_choices(self) -> bool:
        return self.kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}


class Application(models.Model):
    """A person's application (or registration) to one event.

    ``state`` and ``offer_state`` each have their own workflow
    (``events.workflow``). Personal fields are emptied by the retention job;
    the row stays, anonymous, for the counts.
    """

    State = ApplicationState
    Offer = OfferState
    Role = ApplicantRole

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("event"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_applications",
        verbose_name=_("applicant"),
    )
    name = models.CharField(_("name"), max_length=160, blank=True)
    title = models.ForeignKey(
        "cities.Title",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("title city"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    role = models.CharField(
        _("role"), max_length=20, choices=ApplicantRole.choices, blank=True
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_list]
    )
    #: The language of the e-mails to this person (their interface language).
    language = models.CharField(_("e-mail language"), max_length=8, default="en")
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
        db_index=True,
    )
    offer_state = models.CharField(
        _("offer"),
        max_length=12,
        choices=OfferState.choices,
        default=OfferState.NONE,
        db_index=True,
    )
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    draft_decision = models.CharField(
        _("drafted decision"),
        max_length=10,
        choices=DraftDecision.choices,
        blank=True,
        default=DraftDecision.NONE,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_sent_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    personal_data_purged = models.BooleanField(
        _("personal data deleted"), default=False
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            choices_check("state", ApplicationState, "application_state_valid"),
            choices_check("offer_state", OfferState, "application_offer_valid"),
            choices_check(
                "draft_decision", DraftDecision, "application_draft_decision_valid"
            ),
            models.UniqueConstraint(
                fields=["event", "applicant"],
                condition=models.Q(applicant__isnull=False),
                name="application_one_per_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(offer_state="offered")
                | models.Q(offer_expires_at__isnull=False),
                name="application_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["event", "state", "waitlisted_at"])]

    def __str__(self) -> str:
        return self.name or str(_("Anonymous application"))

    def get_absolute_url(self) -> str:
        return reverse("events:application", args=[self.uuid])

    @property
    def has_open_offer(self) -> bool:
        return self.offer_state == OfferState.OFFERED

    @property
    def in_queue(self) -> bool:
        """On the waiting list and not yet offered a place."""
        return (
            self.state == ApplicationState.WAITLISTED
            and self.offer_state == OfferState.NONE
        )


class Answer(models.Model):
    """The answer to one custom question. ``value`` is a string, a list of
    strings (multiple choice) or a boolean (yes/no)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("application"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    value = models.JSONField(_("answer"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to="events/answers/%Y/", blank=True, max_length=255
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class ApplicationEvent(StateHistory):
    """One step in an application's history (both of its state fields)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("application"),
    )
    action = models.CharField(_("action"), max_length=40)

    class Meta(StateHistory.Meta):
        verbose_name = _("application history entry")
        verbose_name_plural = _("application history")

    def __str__(self) -> str:
        return f"{self.action} {self.from_state} → {self.to_state}"

    @property
    def label(self) -> str:
        return str(HISTORY_LABELS.get(self.action, self.action))


HISTORY_LABELS = {
    "submit": _("Application submitted"),
    "accept": _("Accepted"),
    "waitlist": _("Put on the waiting list"),
    "reject": _("Not selected"),
    "withdraw": _("Withdrawn"),
    "offer": _("A place was offered"),
    "confirm": _("The offered place was confirmed"),
    "take_offer": _("Accepted after confirming the offer"),
    "decline": _("The offered place was declined"),
    "expire": _("The offer expired"),
}
