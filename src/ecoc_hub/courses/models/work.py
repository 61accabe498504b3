"""What learners hand in for assignments (issue 14): the lesson's rubric,
the submissions and their reviews (quiz attempts are in ``quiz``).

A rubric is a lesson's criteria, each with levels worth some points; a
review picks one level per criterion and keeps a copy of what it scored
(``scores``), so that a rubric edited later does not change past reviews.
Foreign keys are named by string, as the package's other modules do not
need importing here.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check

from ..enums import ReviewRole, SubmissionState


class RubricCriterion(models.Model):
    lesson = models.ForeignKey(
        "Lesson", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.title

    @property
    def maximum(self) -> int:
        return max((level.points for level in self.levels.all()), default=0)


class RubricLevel(models.Model):
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.CASCADE, related_name="levels"
    )
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MaxValueValidator(100)]
    )
    description = models.CharField(_("description"), max_length=300)

    class Meta:
        ordering = ["points", "pk"]
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")

    def __str__(self) -> str:
        return f"{self.points} · {self.description}"


class Submission(models.Model):
    """One answer handed in; a learner may hand in again until one is
    accepted, and each submission keeps its own reviews."""

    State = SubmissionState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        "Enrolment", on_delete=models.CASCADE, related_name="submissions"
    )
    lesson = models.ForeignKey(
        "Lesson", on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField(_("submission"))
    text = models.TextField(_("answer"), max_length=20000, blank=True)
    file = models.FileField(_("file"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    file_mime = models.CharField(max_length=120, blank=True, editable=False)
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SubmissionState.choices,
        default=SubmissionState.SUBMITTED,
    )
    #: The percentage of the rubric's points: the mean of the peer reviews,
    #: or the trainer's review.
    score = models.PositiveSmallIntegerField(
        _("score (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["lesson", "-number"]
        verbose_name = _("assignment submission")
        verbose_name_plural = _("assignment submissions")
        constraints = [
            choices_check("state", SubmissionState, "submission_state_valid"),
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "number"], name="one_submission_number"
            ),
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(file=""),
                name="submission_has_an_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson} · {self.number}"


class Review(models.Model):
    """A peer's or a trainer's review of one submission. A peer review is
    created when the submission is allocated and completed when scored."""

    Role = ReviewRole

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviews"
    )
    #: Empty once the reviewer's account is deleted: the review stays,
    #: anonymous, so the learner reviewed keeps their score.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_reviews",
        verbose_name=_("reviewer"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ReviewRole.choices)
    #: Per criterion, in the rubric's order: ``{"criterion", "level",
    #: "points", "maximum"}`` (titles and points as they were).
    scores = models.JSONField(_("scores"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    allocated_at = models.DateTimeField(_("allocated"), default=timezone.now)
    completed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["allocated_at", "pk"]
        verbose_name = _("assignment review")
        verbose_name_plural = _("assignment reviews")
        constraints = [
            choices_check("role", ReviewRole, "review_role_valid"),
            # Never twice the same submission by the same person.
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True)
                | models.Q(score__isnull=False),
                name="completed_review_has_score",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} · {self.get_role_display()}"

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None
