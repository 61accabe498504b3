"""Support requests from city teams, and the experts who answer them.

A city team (``accounts.Organisation``) writes a ``SupportRequest``; it
invites experts from the pool, one ``SupportAssignment`` per expert, whose
state runs invited → agreed → in progress → completed (``support_workflow``).
Each assignment has its message thread and, once completed, one
``SupportFeedback`` from each side. A ``SupportConflict`` keeps an expert
out of a team's matches.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from .support_enums import AssignmentState, Rating, RequestState, Side, SupportFormat


class SupportRequest(models.Model):
    State = RequestState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="support_requests",
        verbose_name=_("city team"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("the need, in your own words"), max_length=5000)
    #: The language ``description`` is written in (its stemming).
    text_language = models.CharField(_("language of the description"), max_length=8)
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        related_name="support_requests",
        verbose_name=_("capacity areas"),
    )
    profiles = models.JSONField(_("expert profiles"), default=list, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    format = models.CharField(
        _("preferred format"),
        max_length=10,
        choices=SupportFormat.choices,
        default=SupportFormat.EITHER,
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    budget_min = models.PositiveIntegerField(
        _("budget from (EUR)"), null=True, blank=True
    )
    budget_max = models.PositiveIntegerField(
        _("budget up to (EUR)"), null=True, blank=True
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=RequestState.choices,
        default=RequestState.DRAFT,
    )
    show_on_city_page = models.BooleanField(
        _("show this support on our city's page"),
        default=False,
        help_text=_(
            "Once an expert has completed the work, the title city's page lists "
            "the request's title, its capacity areas and the expert's name."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=RequestState.values),
                name="experts_support_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=SupportFormat.values),
                name="experts_support_format_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="experts_support_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_max__gte=models.F("budget_min")),
                name="experts_support_budget_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experts:support", args=[self.uuid])


class SupportAssignment(models.Model):
    """One expert invited to one request, and the work if they accept."""

    State = AssignmentState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("support request"),
    )
    #: Empty once the expert's account is deleted: the team keeps its record
    #: of the work (history, thread, feedback) without the person.
    expert = models.ForeignKey(
        "experts.ExpertProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_assignments",
        verbose_name=_("expert"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=AssignmentState.choices,
        default=AssignmentState.INVITED,
    )
    #: The matching score (0 to 100) when the team invited the expert.
    score = models.PositiveSmallIntegerField(_("matching score"), null=True, blank=True)
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support assignment")
        verbose_name_plural = _("support assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=AssignmentState.values),
                name="experts_assignment_state_valid",
            ),
            models.UniqueConstraint(
                fields=["request", "expert"], name="experts_assignment_once"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(expert)s for %(request)s") % {
            "expert": self.expert_name,
            "request": self.request.title,
        }

    def get_absolute_url(self) -> str:
        return reverse("experts:assignment_detail", args=[self.uuid])

    @property
    def expert_name(self) -> str:
        """The expert's name, or what the team reads once they left."""
        if self.expert is None:
            return gettext("A former expert")
        return self.expert.full_name


class AssignmentEvent(StateHistory):
    """The history of an assignment's states (``support_workflow``)."""

    assignment = models.ForeignKey(
        SupportAssignment,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("assignment"),
    )
    action = models.CharField(_("action"), max_length=30)

    class Meta(StateHistory.Meta):
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d}"

    @property
    def to_state_label(self) -> str:
        return str(dict(AssignmentState.choices).get(self.to_state, self.to_state))


class SupportRequestEvent(StateHistory):
    """The history of a request's states."""

    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("support request"),
    )
    action = models.CharField(_("action"), max_length=30)

    class Meta(StateHistory.Meta):
        verbose_name = _("support request event")
        verbose_name_plural = _("support request events")

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d}"

    @property
    def to_state_label(self) -> str:
        return str(dict(RequestState.choices).get(self.to_state, self.to_state))


class SupportMessage(models.Model):
    """A message in an assignment's thread, between the team and the expert."""

    assignment = models.ForeignKey(
        SupportAssignment,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("assignment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values),
                name="experts_message_side_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.created_at:%Y-%m-%d %H:%M}"


class SupportFeedback(models.Model):
    """One side's rating and comment once an assignment is completed."""

    assignment = models.ForeignKey(
        SupportAssignment,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("assignment"),
    )
    side = models.CharField(_("from"), max_length=8, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["assignment", "side"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "side"], name="experts_feedback_once_per_side"
            ),
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values),
                name="experts_feedback_side_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1) & models.Q(rating__lte=5),
                name="experts_feedback_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.side}: {self.rating}"


class SupportConflict(models.Model):
    """An expert's declared conflict of interest with a city team: the
    matching never proposes them to that team."""

    expert = models.ForeignKey(
        "experts.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="support_conflicts",
        verbose_name=_("expert"),
    )
    team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="expert_conflicts",
        verbose_name=_("city team"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest with a team")
        verbose_name_plural = _("conflicts of interest with teams")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "team"], name="experts_support_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert_id} / {self.team_id}"


__all__ = [
    "AssignmentEvent",
    "SupportAssignment",
    "SupportConflict",
    "SupportFeedback",
    "SupportMessage",
    "SupportRequest",
    "SupportRequestEvent",
]
