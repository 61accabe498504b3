"""Peer requests between city teams, and the directory of people."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from ..enums import PeerRequestKind, PeerRequestState
from .discussions import Space, Thread

#: A handle as written after an @ (``mentions.MENTION`` finds them in posts).
HANDLE_PATTERN = r"[a-z0-9][a-z0-9_-]{1,39}"
HANDLE_VALIDATOR = RegexValidator(
    rf"^{HANDLE_PATTERN}\Z",
    _(
        "Use 2 to 40 lower-case letters, digits, hyphens or underscores, "
        "starting with a letter or a digit."
    ),
)


class PeerRequest(models.Model):
    """A team asks another for a call, a study visit, mentoring or a
    document, on a capacity area; the other accepts or declines; both talk
    in the request's own thread and give feedback at the end."""

    Kind = PeerRequestKind
    State = PeerRequestState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="peer_requests_made",
        verbose_name=_("asking team"),
    )
    to_team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="peer_requests_received",
        verbose_name=_("asked team"),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=PeerRequestKind.choices)
    capacity_area = models.ForeignKey(
        "cities.CapacityArea",
        on_delete=models.PROTECT,
        related_name="peer_requests",
        verbose_name=_("capacity area"),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PeerRequestState.choices,
        default=PeerRequestState.REQUESTED,
    )
    space = models.OneToOneField(
        Space, on_delete=models.PROTECT, related_name="peer_request"
    )
    thread = models.OneToOneField(
        Thread, on_delete=models.PROTECT, related_name="peer_request"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("peer request")
        verbose_name_plural = _("peer requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PeerRequestKind.values),
                name="community_peer_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=PeerRequestState.values),
                name="community_peer_state_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_team=models.F("to_team")),
                name="community_peer_two_teams",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="community_peer_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.from_team} → {self.to_team}"

    def get_absolute_url(self) -> str:
        return reverse("community:peer_request", args=[self.uuid])


class PeerRequestEvent(StateHistory):
    request = models.ForeignKey(
        PeerRequest, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20)

    class Meta(StateHistory.Meta):
        verbose_name = _("peer request event")
        verbose_name_plural = _("peer request events")


class PeerFeedback(models.Model):
    """How it went, from one side of a completed request."""

    request = models.ForeignKey(
        PeerRequest, on_delete=models.CASCADE, related_name="feedback"
    )
    team = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    rating = models.PositiveSmallIntegerField(_("how useful it was (1 to 5)"))
    text = models.TextField(_("what worked, what did not"), max_length=4000)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("peer feedback")
        verbose_name_plural = _("peer feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "team"], name="community_feedback_once_per_side"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="community_feedback_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.team})"


class DirectoryEntry(models.Model):
    """A member who chose to be listed in the people directory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="directory_entry",
    )
    is_listed = models.BooleanField(_("list me in the directory"), default=False)
    #: What others write after an @ to mention this person in a post.
    handle = models.CharField(
        _("handle for mentions"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        validators=[HANDLE_VALIDATOR],
        help_text=_(
            "Others mention you in a post by writing @ and this handle: "
            "lower-case letters, digits, hyphens and underscores, 2 to 40."
        ),
    )
    role = models.CharField(
        _("my role"),
        max_length=160,
        blank=True,
        help_text=_("For example: programme manager, volunteer coordinator."),
    )
    areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="+",
        verbose_name=_("areas I have experience in"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self) -> str:
        return str(self.user)
