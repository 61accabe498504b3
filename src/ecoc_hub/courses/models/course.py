"""Courses: course → modules → lessons, the learners' enrolments and their
progress through the lessons."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.constraints import choices_check
from ecoc_hub.core.models import StateHistory
from ecoc_hub.library.enums import Licence
from ecoc_hub.library.vocab import validate_languages

from ..enums import (
    AnswerType,
    CompletionRule,
    CourseState,
    EnrolmentPolicy,
    EnrolmentState,
    LessonKind,
    Level,
    Mode,
    ReviewMode,
)


class Course(models.Model):
    State = CourseState
    Mode = Mode

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: links, lists, emphasis.")
    )
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="courses",
        verbose_name=_("capacity areas"),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_languages]
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.CC_BY
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trained_courses",
        verbose_name=_("trainers"),
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="leads_to",
        verbose_name=_("prerequisites"),
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.SELF_PACED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    enrolment_policy = models.CharField(
        _("enrolment"),
        max_length=20,
        choices=EnrolmentPolicy.choices,
        default=EnrolmentPolicy.OPEN,
    )
    state = models.CharField(
        _("state"), max_length=20, choices=CourseState.choices, default="draft"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # --- Authoring (issue 14): the cover image, re-encoded by covers.py.
    cover = models.ImageField(_("cover image"), upload_to="courses/covers/", blank=True)
    cover_alt = models.CharField(
        _("cover image description"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            choices_check("state", CourseState, "course_state_valid"),
            choices_check("mode", Mode, "course_mode_valid"),
            choices_check("level", Level, "course_level_valid"),
            choices_check("enrolment_policy", EnrolmentPolicy, "course_policy_valid"),
            # A cohort runs between two dates; a self-paced course has none.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        mode=Mode.COHORT,
                        starts_on__isnull=False,
                        ends_on__isnull=False,
                        ends_on__gte=models.F("starts_on"),
                    )
                    | models.Q(
                        mode=Mode.SELF_PACED,
                        starts_on__isnull=True,
                        ends_on__isnull=True,
                    )
                ),
                name="course_dates_match_mode",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:detail", args=[self.slug])

    @property
    def content_language(self) -> str:
        """The language the course is written in (its first), for ``lang``."""
        return self.languages[0] if self.languages else ""

    @property
    def is_cohort(self) -> bool:
        return self.mode == Mode.COHORT

    def has_started(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on is None or self.starts_on <= today

    def has_ended(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.ends_on is not None and self.ends_on < today


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)

    # --- Cohorts (issue 14): release and due dates, counted from the start.
    opens_after_days = models.PositiveSmallIntegerField(
        _("opens … days after the start"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("Cohort courses: empty opens the module with the course."),
    )
    opens_on = models.DateField(
        _("or opens on"),
        null=True,
        blank=True,
        help_text=_("A date instead of a number of days."),
    )
    due_after_days = models.PositiveSmallIntegerField(
        _("due … days after the start"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("Shown to learners, with late modules marked (no penalty)."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_after_days__isnull=True)
                | models.Q(opens_on__isnull=True),
                name="module_opens_once",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def opens_for(self, course: Course) -> date | None:
        """The day the module opens to the cohort (None: with the course)."""
        if not course.is_cohort or course.starts_on is None:
            return None
        if self.opens_on is not None:
            return self.opens_on
        if self.opens_after_days:
            return course.starts_on + timedelta(days=self.opens_after_days)
        return None

    def due_for(self, course: Course) -> date | None:
        if not course.is_cohort or course.starts_on is None:
            return None
        if self.due_after_days is None:
            return None
        return course.starts_on + timedelta(days=self.due_after_days)

    def is_locked(self, course: Course, today: date | None = None) -> bool:
        opens = self.opens_for(course)
        return opens is not None and opens > (today or timezone.localdate())


class Lesson(models.Model):
    Kind = LessonKind

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=LessonKind.choices, default=LessonKind.TEXT
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: headings, links, lists, emphasis, images."),
    )
    minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    is_required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("A learner completes the course when every required lesson is."),
    )
    completion = models.CharField(
        _("complete when"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.VIEWED,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0: as many as the learner needs."),
    )
    shuffle = models.BooleanField(
        _("shuffle the options"),
        default=True,
        help_text=_("Each attempt shows the options of each question in a new order."),
    )
    # Video or audio lessons: the file (content-addressed, see media.py),
    # what was read from it, its WebVTT captions and their cues.
    media = models.FileField(_("video or audio file"), max_length=200, blank=True)
    media_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    media_size = models.PositiveBigIntegerField(default=0, editable=False)
    media_mime = models.CharField(max_length=40, blank=True, editable=False)
    media_duration = models.FloatField(default=0, editable=False)
    captions_vtt = models.TextField(_("captions (WebVTT)"), blank=True)
    captions_cues = models.JSONField(default=list, blank=True, editable=False)
    # Library-resource lessons: a published resource's PDF, opened at a page.
    resource = models.ForeignKey(
        "library.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_lessons",
        verbose_name=_("library resource"),
    )
    resource_page = models.PositiveIntegerField(
        _("open at page"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    # Assignments (work.py): what the learner hands in and who reviews it;
    # ``pass_mark`` is the share of the rubric's points that is accepted.
    answer_type = models.CharField(
        _("answer"), max_length=20, choices=AnswerType.choices, default="text"
    )
    review_mode = models.CharField(
        _("reviewed by"), max_length=20, choices=ReviewMode.choices, default="trainer"
    )

    class Meta:
        ordering = ["module__position", "module_id", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            choices_check("kind", LessonKind, "lesson_kind_valid"),
            choices_check("completion", CompletionRule, "lesson_completion_valid"),
            choices_check("answer_type", AnswerType, "lesson_answer_type_valid"),
            choices_check("review_mode", ReviewMode, "lesson_review_mode_valid"),
            models.CheckConstraint(
                condition=models.Q(
                    kind=LessonKind.TEXT, completion=CompletionRule.VIEWED
                )
                | models.Q(kind=LessonKind.QUIZ, completion=CompletionRule.PASSED)
                | models.Q(kind=LessonKind.MEDIA, completion=CompletionRule.WATCHED)
                | models.Q(kind=LessonKind.RESOURCE, completion=CompletionRule.VIEWED)
                | models.Q(
                    kind=LessonKind.ASSIGNMENT, completion=CompletionRule.REVIEWED
                ),
                name="lesson_completion_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:lesson", args=[self.module.course.slug, self.pk])

    @property
    def is_quiz(self) -> bool:
        return self.kind == LessonKind.QUIZ

    @property
    def is_media(self) -> bool:
        return self.kind == LessonKind.MEDIA

    @property
    def is_resource(self) -> bool:
        return self.kind == LessonKind.RESOURCE

    @property
    def is_assignment(self) -> bool:
        return self.kind == LessonKind.ASSIGNMENT

    @property
    def is_video(self) -> bool:
        return self.media_mime.startswith("video/")

    def media_url(self, name: str = "lesson_media") -> str:
        return reverse(f"courses:{name}", args=[self.module.course.slug, self.pk])

    def captions_url(self) -> str:
        return self.media_url("lesson_captions")


class CourseEvent(StateHistory):
    """The history of a course's state (published, archived)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=40)

    class Meta(StateHistory.Meta):
        verbose_name = _("course history entry")
        verbose_name_plural = _("course history")


class Enrolment(models.Model):
    State = EnrolmentState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="enrolments"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=EnrolmentState.choices,
        default=EnrolmentState.REQUESTED,
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    admitted_at = models.DateTimeField(_("enrolled"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    #: "Continue where you left off": the lesson the learner opened last.
    last_lesson = models.ForeignKey(
        Lesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson"),
    )
    # --- Versions (issue 14): the release enrolled in, and completed.
    version = models.ForeignKey(
        "CourseVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version enrolled in"),
    )
    completed_version = models.ForeignKey(
        "CourseVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version completed"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            choices_check("state", EnrolmentState, "enrolment_state_valid"),
            models.UniqueConstraint(
                fields=["course", "learner"], name="one_enrolment_per_learner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.course}"

    @property
    def is_active(self) -> bool:
        return self.state in {EnrolmentState.ACTIVE, EnrolmentState.COMPLETED}


class EnrolmentEvent(StateHistory):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="history"
    )
    action = models.CharField(_("action"), max_length=40)

    class Meta(StateHistory.Meta):
        verbose_name = _("enrolment history entry")
        verbose_name_plural = _("enrolment history")


class LessonProgress(models.Model):
    """One learner's progress on one lesson."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="progress"
    )
    first_viewed_at = models.DateTimeField(_("first opened"), default=timezone.now)
    last_viewed_at = models.DateTimeField(_("last opened"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    #: Video or audio lessons: the union of the parts played (sorted,
    #: disjoint [start, end] seconds) and when it was last reported.
    played = models.JSONField(_("parts played"), default=list, blank=True)
    played_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["lesson"]
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_progress_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson}"
