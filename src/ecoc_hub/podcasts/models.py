from __future__ import annotations

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .categories import AppleCategory
from .enums import EpisodeType, PersonRole, ShowType

language_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$",
    _("Use an ISO 639 language code such as en, fr or de-AT."),
)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ShowQuerySet(models.QuerySet["Show"]):
    def public(self) -> ShowQuerySet:
        return self.filter(state=State.PUBLISHED)


class Show(models.Model):
    Type = ShowType

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=4000)
    artwork = models.FileField(_("artwork"), max_length=200, blank=True)
    artwork_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    language = models.CharField(
        _("language"), max_length=12, default="en", validators=[language_validator]
    )
    category = models.CharField(
        _("Apple Podcasts category"),
        max_length=60,
        choices=AppleCategory.choices,
        default=AppleCategory.EDUCATION,
    )
    owner_name = models.CharField(_("owner name"), max_length=200)
    owner_email = models.EmailField(
        _("owner e-mail"),
        help_text=_("Published in the feed: podcast directories write to it."),
    )
    author = models.CharField(_("author"), max_length=200)
    explicit = models.BooleanField(_("explicit content"), default=False)
    show_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.EPISODIC
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        default="CC-BY-4.0",
        help_text=_("An SPDX identifier such as CC-BY-4.0, or the licence name."),
    )
    licence_url = models.URLField(_("licence URL"), blank=True)
    podcast_guid = models.UUIDField(_("podcast GUID"), unique=True, editable=False)
    locked = models.BooleanField(
        _("locked"),
        default=True,
        help_text=_("Tells other podcast hosts not to import this feed."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("show")
        verbose_name_plural = _("shows")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=State.values),
                name="podcasts_show_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(show_type__in=ShowType.values),
                name="podcasts_show_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("podcasts:show", args=[self.slug])

    def get_feed_url(self) -> str:
        return reverse("podcasts:feed", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def artwork_url(self) -> str:
        if not self.artwork_sha256:
            return ""
        ext = (self.artwork.name or "").rsplit(".", 1)[-1]
        return reverse("podcasts:artwork", args=[self.artwork_sha256, ext])

    @property
    def category_parts(self) -> tuple[str, str]:
        return AppleCategory(self.category).parts


class Season(models.Model):
    show = models.ForeignKey(
        Show, on_delete=models.CASCADE, related_name="seasons", verbose_name=_("show")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["show", "number"]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        constraints = [
            models.UniqueConstraint(
                fields=["show", "number"], name="podcasts_season_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="podcasts_season_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class EpisodeQuerySet(models.QuerySet["Episode"]):
    def public(self) -> EpisodeQuerySet:
        """Published, due and in a published show: what visitors and feeds see."""
        return self.filter(
            state=State.PUBLISHED,
            published_at__lte=timezone.now(),
            show__state=State.PUBLISHED,
        )


class Episode(models.Model):
    Type = EpisodeType

    show = models.ForeignKey(
        Show, on_delete=models.CASCADE, related_name="episodes", verbose_name=_("show")
    )
    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="episodes",
        verbose_name=_("season"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    show_notes = models.TextField(
        _("show notes"), blank=True, help_text=_("Markdown: links, lists, emphasis.")
    )
    audio = models.FileField(_("audio file"), max_length=200, editable=False)
    audio_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    audio_size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    audio_duration = models.FloatField(_("duration in seconds"), editable=False)
    audio_mime = models.CharField(_("media type"), max_length=40, editable=False)
    number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=Type.choices, default=Type.FULL
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A date in the future schedules the episode."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="podcast_episodes",
        verbose_name=_("capacity areas"),
    )
    titles = models.ManyToManyField(
        "cities.Title",
        blank=True,
        related_name="podcast_episodes",
        verbose_name=_("related title cities"),
    )
    resources = models.ManyToManyField(
        "library.Resource",
        blank=True,
        related_name="podcast_episodes",
        verbose_name=_("related library resources"),
    )
    transcript_vtt = models.TextField(_("transcript (WebVTT)"), blank=True)
    # The parsed cues ({start, end, speaker, text}), kept so that pages and
    # the search index never re-parse the WebVTT text.
    transcript_cues = models.JSONField(default=list, blank=True, editable=False)
    chapters = models.JSONField(_("chapters"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        constraints = [
            models.UniqueConstraint(
                fields=["show", "slug"], name="podcasts_episode_unique_slug"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values),
                name="podcasts_episode_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(episode_type__in=EpisodeType.values),
                name="podcasts_episode_type_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=State.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="podcasts_episode_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(audio_duration__gte=0),
                name="podcasts_episode_duration_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("podcasts:episode", args=[self.show.slug, self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.state == State.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.show.state == State.PUBLISHED
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.state == State.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def audio_url(self) -> str:
        ext = (self.audio.name or "").rsplit(".", 1)[-1]
        return reverse("podcasts:audio", args=[self.audio_sha256, ext])

    @property
    def transcript_url(self) -> str:
        return reverse("podcasts:transcript", args=[self.guid])

    @property
    def chapters_url(self) -> str:
        return reverse("podcasts:chapters", args=[self.guid])

    @property
    def duration_seconds(self) -> int:
        return round(self.audio_duration)


class Person(models.Model):
    """Someone heard or credited in an episode (podcast:person)."""

    Role = PersonRole

    # Group names from the Podcasting 2.0 person taxonomy.
    GROUPS = {
        "host": "cast",
        "co-host": "cast",
        "guest": "cast",
        "narrator": "cast",
        "producer": "creative direction",
        "writer": "writing",
        "audio editor": "audio post-production",
    }

    episode = models.ForeignKey(
        Episode,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("episode"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.GUEST
    )
    href = models.URLField(_("web page"), blank=True)
    img = models.URLField(_("picture URL"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["episode", "position", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    @property
    def group(self) -> str:
        return self.GROUPS.get(self.role, "cast")


# Plays counted from the audio requests, registered with the app from here.
from .plays import DailyPlays  # noqa: E402, F401
