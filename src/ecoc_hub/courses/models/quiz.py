"""Quizzes: a quiz lesson's questions and options, and the attempts at it."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check

from ..enums import QuestionKind
from .course import Lesson


class Question(models.Model):
    Kind = QuestionKind

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    prompt = models.TextField(_("question"), max_length=2000)
    feedback = models.TextField(
        _("feedback"),
        max_length=2000,
        blank=True,
        help_text=_("Shown after the learner answers, right or wrong."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Short answers only: one per line. Case, accents and extra spaces "
            "do not matter."
        ),
    )
    answer_is_true = models.BooleanField(
        _("the statement is true"), null=True, blank=True
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            choices_check("kind", QuestionKind, "course_question_kind_valid")
        ]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def accepted(self) -> list[str]:
        return [a.strip() for a in self.accepted_answers.splitlines() if a.strip()]


class Choice(models.Model):
    """An option of a choice question, or a pair of a matching question
    (``text`` is matched with ``match``)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("option"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    match = models.CharField(
        _("matches"),
        max_length=300,
        blank=True,
        help_text=_("Matching questions only: what this item goes with."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """One submitted attempt at a quiz, with its answers and score."""

    enrolment = models.ForeignKey(
        "Enrolment", on_delete=models.CASCADE, related_name="attempts"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    answers = models.JSONField(_("answers"), default=dict)
    #: Per question id: the points (0 to 1) the answer earned.
    points = models.JSONField(_("points"), default=dict)
    score = models.PositiveSmallIntegerField(
        _("score (%)"), validators=[MaxValueValidator(100)]
    )
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "number"], name="one_attempt_number"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="attempt_score_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson} · {self.number}"
