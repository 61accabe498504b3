"""A call's panel: reviewers, their conflicts, reviews and scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import Recommendation
from .application import Application
from .call import Call, ScoreCategory


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


class PanelConflict(models.Model):
    """A conflict a panel member declares before any assignment: a person
    (by name, and e-mail address if known) whose applications to the call
    they must never be given, nor shown (``review.panel_for``)."""

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="panel_conflicts",
        verbose_name=_("call"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="panel_conflicts",
        verbose_name=_("reviewer"),
    )
    person_name = models.CharField(_("name of the person"), max_length=200)
    email = models.EmailField(_("their e-mail address"), blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["call", "reviewer", "person_name", "pk"]
        verbose_name = _("conflict declared in advance")
        verbose_name_plural = _("conflicts declared in advance")

    def __str__(self) -> str:
        return self.person_name
