"""Academy Camps, webinars and study visits: events, their programme, and
the applications of the people who want to take part."""

from __future__ import annotations

import secrets
import uuid
import zoneinfo
from datetime import datetime, tzinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from .enums import (
    ApplicantRole,
    ApplicationState,
    DraftDecision,
    Format,
    Kind,
    OfferState,
    QuestionKind,
    RegistrationMode,
    Visibility,
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("Unknown time zone “%(zone)s”. Use a name such as Europe/Berlin."),
            params={"zone": value},
        )


def validate_language_list(value: object) -> None:
    from ecoc_hub.accounts.languages import SPOKEN_LANGUAGES

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Languages must be a list of language codes."))
    if unknown := [v for v in value if v not in SPOKEN_LANGUAGES]:
        raise ValidationError(
            _("Unknown languages: %(codes)s."), params={"codes": ", ".join(unknown)}
        )


def _choices_check(field: str, choices: type[models.TextChoices], name: str):
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": choices.values}), name=name
    )


class Speaker(models.Model):
    """A trainer, keynote or moderator: a person with a public bio."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("public bio"), max_length=3000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_profiles",
        verbose_name=_("account"),
    )
    is_public = models.BooleanField(
        _("bio is public"),
        default=True,
        help_text=_("Show the name and bio on event pages and in the API."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:speaker", args=[self.slug])


class Event(models.Model):
    Kind = Kind
    Format = Format
    Visibility = Visibility
    RegistrationMode = RegistrationMode

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: links, lists, emphasis.")
    )
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="events",
        verbose_name=_("themes (capacity areas)"),
    )
    host_title = models.ForeignKey(
        "cities.Title",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("host title city"),
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), max_length=500, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    venue_accessibility = models.TextField(
        _("accessibility of the venue"), max_length=2000, blank=True
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to accepted participants."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    languages = models.JSONField(
        _("working languages"),
        default=list,
        blank=True,
        validators=[validate_language_list],
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=300,
        blank=True,
        help_text=_("For example: simultaneous interpretation English to French."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.SELECTION,
    )
    applications_open_at = models.DateTimeField(
        _("applications open"), null=True, blank=True
    )
    applications_close_at = models.DateTimeField(
        _("applications close"), null=True, blank=True
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered place"), default=48
    )
    follow_up_deadline = models.DateTimeField(
        _("follow-up forms due"),
        null=True,
        blank=True,
        help_text=_("Empty: accepted participants are not asked for a follow-up form."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("days personal data is kept after the event"), default=365
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True, editable=False
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            _choices_check("kind", Kind, "event_kind_valid"),
            _choices_check("format", Format, "event_format_valid"),
            _choices_check("visibility", Visibility, "event_visibility_valid"),
            _choices_check(
                "registration_mode", RegistrationMode, "event_registration_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(applications_open_at__isnull=True)
                | models.Q(applications_close_at__isnull=True)
                | models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="event_application_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(offer_hours__gte=1), name="event_offer_hours_min"
            ),
            models.CheckConstraint(
                condition=models.Q(retention_days__gte=1),
                name="event_retention_days_min",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end is before the start.")})
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            raise ValidationError(
                {"applications_close_at": _("Applications close before they open.")}
            )

    @property
    def zone(self) -> tzinfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format in {Format.ONLINE, Format.HYBRID}

    @property
    def has_venue(self) -> bool:
        return self.format in {Format.ON_SITE, Format.HYBRID}

    @property
    def is_public(self) -> bool:
        return self.visibility != Visibility.DRAFT

    def is_past(self, now: datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def applications_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.visibility != Visibility.PUBLISHED or self.is_cancelled:
            return False
        if self.is_past(now):
            return False
        if self.applications_open_at and now < self.applications_open_at:
            return False
        return not (self.applications_close_at and now >= self.applications_close_at)


class Session(models.Model):
    """One slot of the programme; times are stored in UTC and shown in the
    event's zone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to participants.")
    )
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )
    description = models.TextField(_("description"), blank=True)
    materials = models.ManyToManyField(
        "library.Resource",
        blank=True,
        related_name="event_sessions",
        verbose_name=_("materials"),
    )
    #: RFC 5545 SEQUENCE: raised by ``services.update_session`` on each change.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.event.slug]) + f"#session-{self.pk}"


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
        constraints = [_choices_check("kind", QuestionKind, "question_kind_valid")]

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
            _choices_check("state", ApplicationState, "application_state_valid"),
            _choices_check("offer_state", OfferState, "application_offer_valid"),
            _choices_check(
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


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("events:feed", args=[self.token])


class MessageKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not selected")
    OFFER = "offer", _("A place offered")


class EmailTemplate(models.Model):
    """An event's own wording of one decision e-mail in one language.

    ``$name``, ``$event``, ``$link`` and ``$deadline`` are replaced when it is
    sent; without a template of its own the event uses the site's wording.
    """

    Kind = MessageKind

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="email_templates",
        verbose_name=_("event"),
    )
    kind = models.CharField(_("message"), max_length=12, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kind", "language"], name="email_template_unique"
            ),
            _choices_check("kind", MessageKind, "email_template_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"


class FollowUp(models.Model):
    """What an accepted participant tells the organisers before the event."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("application"),
    )
    travel = models.TextField(
        _("travel"),
        max_length=2000,
        blank=True,
        help_text=_("How and when you arrive and leave, if you travel."),
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=2000, blank=True
    )
    photo_consent = models.BooleanField(
        _("I agree to appear in photos and recordings of the event"), default=False
    )
    submitted_at = models.DateTimeField(_("sent"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up form")
        verbose_name_plural = _("follow-up forms")

    def __str__(self) -> str:
        return str(self.application)


class ReminderKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up form due")
    DAY_BEFORE = "day_before", _("A day before")
    HOUR_BEFORE = "hour_before", _("An hour before")


class Reminder(models.Model):
    """A reminder sent once: the row is what stops a second one."""

    Kind = ReminderKind

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("reminder"), max_length=12, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="reminder_once_per_kind"
            ),
            _choices_check("kind", ReminderKind, "reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.kind


# Attendance lives in its own module (check-in, certificates); imported
# here so that Django registers it with the app.
from .attendance import Attendance, CheckInMethod  # noqa: E402, F401
