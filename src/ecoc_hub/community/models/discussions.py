"""Discussion spaces, their threads and posts, and the history of edits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import PostState, SpaceAccess, SpaceKind, ThreadKind

#: The longest post: long enough for a report, short enough to read.
MAX_POST_LENGTH = 20_000


class Space(models.Model):
    """Where threads live: a capacity area's space, a city team's private
    space, or a topic a curator opened."""

    Kind = SpaceKind
    Access = SpaceAccess

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices)
    access = models.CharField(
        _("who can read"),
        max_length=12,
        choices=SpaceAccess.choices,
        default=SpaceAccess.PUBLIC,
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    capacity_area = models.OneToOneField(
        "cities.CapacityArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_space",
        verbose_name=_("capacity area"),
    )
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_space",
        verbose_name=_("city team"),
    )
    #: An event's space, for its accepted participants (``participants``).
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_space",
        verbose_name=_("event"),
    )
    #: A course's space, for its learners and trainers (``participants``).
    course = models.OneToOneField(
        "courses.Course",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_space",
        verbose_name=_("course"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_spaces",
        verbose_name=_("moderators"),
        help_text=_("Besides the curators, who may hide, lock, move and pin here."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SpaceKind.values),
                name="community_space_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=SpaceAccess.values),
                name="community_space_access_valid",
            ),
            # A team's space is its team's alone; no other space is. An
            # event's or a course's space is its people's alone.
            models.CheckConstraint(
                condition=(
                    models.Q(event__isnull=True, course__isnull=True)
                    & ~models.Q(access=SpaceAccess.PARTICIPANTS)
                    & (
                        models.Q(
                            kind=SpaceKind.TEAM,
                            access=SpaceAccess.TEAM,
                            organisation__isnull=False,
                            capacity_area__isnull=True,
                        )
                        | models.Q(
                            kind=SpaceKind.AREA,
                            capacity_area__isnull=False,
                            organisation__isnull=True,
                        )
                        & ~models.Q(access=SpaceAccess.TEAM)
                        | models.Q(
                            kind=SpaceKind.TOPIC,
                            capacity_area__isnull=True,
                            organisation__isnull=True,
                        )
                        & ~models.Q(access=SpaceAccess.TEAM)
                        # A peer request's space: its two teams (PeerRequest).
                        | models.Q(
                            kind=SpaceKind.PEER,
                            access=SpaceAccess.TEAM,
                            capacity_area__isnull=True,
                            organisation__isnull=True,
                        )
                    )
                    | models.Q(
                        kind=SpaceKind.EVENT,
                        access=SpaceAccess.PARTICIPANTS,
                        event__isnull=False,
                        course__isnull=True,
                        capacity_area__isnull=True,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        kind=SpaceKind.COURSE,
                        access=SpaceAccess.PARTICIPANTS,
                        course__isnull=False,
                        event__isnull=True,
                        capacity_area__isnull=True,
                        organisation__isnull=True,
                    )
                ),
                name="community_space_kind_matches_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("community:space", args=[self.slug])

    @property
    def display_name(self) -> str:
        """An area's space is named after the area, in the reader's language."""
        if self.kind == SpaceKind.AREA and self.capacity_area is not None:
            return self.capacity_area.display_name
        return self.name

    @property
    def is_participants_space(self) -> bool:
        """An event's or a course's space (``participants``)."""
        return self.kind in {SpaceKind.EVENT, SpaceKind.COURSE}


class Thread(models.Model):
    Kind = ThreadKind

    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("space"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=ThreadKind.choices,
        default=ThreadKind.DISCUSSION,
    )
    language = models.CharField(_("language"), max_length=8)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="community_threads",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_post_at = models.DateTimeField(
        _("last post at"), default=timezone.now, db_index=True
    )
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("No one can reply any more.")
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown first in its space.")
    )
    #: In a question thread, the reply its author or a moderator marked.
    answer = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer"),
    )

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ThreadKind.values),
                name="community_thread_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", args=[self.pk])


class Post(models.Model):
    """One message of a thread, in Markdown (rendered through nh3)."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="community_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), max_length=MAX_POST_LENGTH)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PostState.choices,
        default=PostState.PUBLISHED,
    )
    #: The author asked for erasure: the text was replaced, the post stays.
    is_erased = models.BooleanField(_("erased"), default=False)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=PostState.values),
                name="community_post_state_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class PostRevision(models.Model):
    """A post's text before an edit: the history people can read."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    body = models.TextField(_("text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    #: When this text was replaced.
    created_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("earlier version of a post")
        verbose_name_plural = _("earlier versions of posts")

    def __str__(self) -> str:
        return f"{self.post} @ {self.created_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file that came with a post, checked like the library's uploads
    (``library.files.stage_upload``) and kept as a content-addressed library
    ``Blob`` (backup and fixity included); it is served only through
    ``views.attachments``, which checks who may read the post."""

    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("post"),
    )
    blob = models.ForeignKey(
        "library.Blob",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stored file"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("format"), max_length=10)
    created_at = models.DateTimeField(_("attached at"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("community:attachment", args=[self.pk, self.file_name])
