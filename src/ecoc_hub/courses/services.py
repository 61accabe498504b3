"""Writes of the courses app: authoring, enrolment and progress.

States change only through ``workflow.py`` (``core.workflow.transition``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from ecoc_hub.core.workflow import transition

from . import media, permissions
from .completion import check_completion
from .covers import CleanCover
from .enums import (
    COMPLETION_OF_KIND,
    WATCHED_SHARE,
    CompletionRule,
    EnrolmentState,
    LessonKind,
)
from .models import (
    Choice,
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
    Question,
)
from .search_index import index_course

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def reserved_slugs() -> frozenset[str]:
    """The fixed first parts of the courses' URLs (``mine``, ``new``,
    ``import``...): a course with such a slug would hide the page."""
    from .urls import urlpatterns

    first = (str(p.pattern).split("/", 1)[0] for p in urlpatterns)
    return frozenset(part for part in first if part and "<" not in part)


def unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "course"
    if base in reserved_slugs():
        base = f"{base}-course"
    slug, n = base, 2
    taken = Course.objects.all()
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_course(
    *,
    creator: User | None,
    title: str,
    summary: str,
    capacity_areas: Iterable[Any] = (),
    prerequisites: Iterable[Course] = (),
    trainers: Iterable[User] = (),
    **fields: Any,
) -> Course:
    course = Course(
        title=title,
        summary=summary,
        slug=fields.pop("slug", "") or unique_slug(title),
        created_by=creator,
        **fields,
    )
    course.full_clean()
    course.save()
    course.capacity_areas.set(capacity_areas)
    course.prerequisites.set(prerequisites)
    set_trainers(course=course, trainers=trainers)
    return course


@transaction.atomic
def update_course(
    *,
    course: Course,
    changes: dict[str, Any],
    capacity_areas: Iterable[Any] | None = None,
    prerequisites: Iterable[Course] | None = None,
) -> Course:
    for name, value in changes.items():
        setattr(course, name, value)
    course.full_clean()
    course.save()
    if capacity_areas is not None:
        course.capacity_areas.set(capacity_areas)
    if prerequisites is not None:
        course.prerequisites.set([c for c in prerequisites if c.pk != course.pk])
    index_course(course)
    return course


@transaction.atomic
def set_trainers(*, course: Course, trainers: Iterable[User]) -> None:
    trainers = list(trainers)
    course.trainers.set(trainers)
    for person in trainers:  # the cache of permissions.is_trainer
        person.__dict__.pop("_trained_course_ids", None)
    index_course(course)


def _next_position(items: Any) -> int:
    highest = items.aggregate(m=Max("position"))["m"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def add_module(
    *, course: Course, title: str, summary: str = "", **dates: Any
) -> Module:
    """``dates``: a cohort module's ``opens_after_days``, ``opens_on`` and
    ``due_after_days``."""
    Course.objects.select_for_update().get(pk=course.pk)
    module = Module(
        course=course,
        title=title,
        summary=summary,
        position=_next_position(course.modules.all()),
        **dates,
    )
    module.full_clean()
    module.save()
    return module


@transaction.atomic
def update_module(
    *, module: Module, title: str, summary: str = "", **dates: Any
) -> Module:
    module.title, module.summary = title, summary
    for name, value in dates.items():
        setattr(module, name, value)
    module.full_clean()
    module.save(update_fields=["title", "summary", *dates])
    return module


@transaction.atomic
def delete_module(*, module: Module) -> None:
    course = module.course
    module.delete()
    index_course(course)


@transaction.atomic
def add_lesson(*, module: Module, title: str, **fields: Any) -> Lesson:
    Module.objects.select_for_update().get(pk=module.pk)
    lesson = Lesson(
        module=module,
        title=title,
        position=_next_position(module.lessons.all()),
        **fields,
    )
    lesson.completion = COMPLETION_OF_KIND[LessonKind(lesson.kind)]
    lesson.full_clean()
    lesson.save()
    index_course(module.course)
    return lesson


@transaction.atomic
def update_lesson(*, lesson: Lesson, changes: dict[str, Any]) -> Lesson:
    for name, value in changes.items():
        setattr(lesson, name, value)
    lesson.full_clean()
    lesson.save()
    index_course(lesson.module.course)
    return lesson


@transaction.atomic
def delete_lesson(*, lesson: Lesson) -> None:
    course = lesson.module.course
    lesson.delete()
    index_course(course)


def _renumber(items: list[Any]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def move_module(*, module: Module, offset: int) -> None:
    """Move a module ``offset`` places (-1 up, +1 down) among its course's."""
    Course.objects.select_for_update().get(pk=module.course_id)
    items = list(Module.objects.filter(course_id=module.course_id))
    index = next(i for i, m in enumerate(items) if m.pk == module.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    _renumber(items)


@transaction.atomic
def move_lesson(*, lesson: Lesson, offset: int) -> None:
    """Move a lesson ``offset`` places within its module; past either end it
    goes to the end of the module before or the start of the one after."""
    course_id = lesson.module.course_id
    Course.objects.select_for_update().get(pk=course_id)
    modules = list(Module.objects.filter(course_id=course_id))
    where = next(i for i, m in enumerate(modules) if m.pk == lesson.module_id)
    items = list(Lesson.objects.filter(module_id=lesson.module_id))
    index = next(i for i, item in enumerate(items) if item.pk == lesson.pk)
    target = index + offset
    if 0 <= target < len(items):
        items.insert(target, items.pop(index))
        _renumber(items)
        return
    neighbour = where + (1 if target >= len(items) else -1)
    if not 0 <= neighbour < len(modules):
        return
    items.pop(index)
    _renumber(items)
    others = list(Lesson.objects.filter(module_id=modules[neighbour].pk))
    lesson.module = modules[neighbour]
    if target < 0:
        others.append(lesson)
    else:
        others.insert(0, lesson)
    lesson.save(update_fields=["module"])
    _renumber(others)


# --- Authoring: the cover image (issue 14) ------------------------------------


def delete_file_after_commit(name: str) -> None:
    """Remove a stored file once the transaction that dropped it commits (a
    rolled back change keeps its file)."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def set_cover(
    *, course: Course, cover: CleanCover | None, alt: str, remove: bool = False
) -> Course:
    """Replace, keep (``cover`` None) or remove the course's cover image and
    set its description. The file replaced or removed is deleted once the
    change commits; a new file whose change fails is deleted at once."""
    old = course.cover.name if course.cover else ""
    written = ""
    if cover is not None:
        course.cover.save(cover.name, ContentFile(cover.content), save=False)
        written = course.cover.name or ""
    elif remove:
        course.cover.name = ""
    course.cover_alt = alt.strip() if course.cover else ""
    try:
        with transaction.atomic():
            course.save(update_fields=["cover", "cover_alt", "updated_at"])
            new = course.cover.name if course.cover else ""
            if old and old != new:
                delete_file_after_commit(old)
    except Exception:
        if written:
            default_storage.delete(written)
        raise
    return course


# ------------------------------------------------------------------------------


@transaction.atomic
def enrol(*, course: Course, learner: User) -> Enrolment:
    """Ask to enrol (again); on a course the learner may enter directly, the
    request is admitted at once. Either way the history records it."""
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                course=course, learner=learner
            )
    except IntegrityError:  # the same person's second click, at the same time
        enrolment, created = (
            Enrolment.objects.get(course=course, learner=learner),
            False,
        )
    enrolment.course = course
    if not created and enrolment.state == EnrolmentState.WITHDRAWN:
        transition(enrolment, "rejoin", actor=learner)
    if enrolment.state == EnrolmentState.REQUESTED and permissions.can_admit(
        learner, enrolment
    ):
        transition(enrolment, "admit", actor=learner)
    return enrolment


@transaction.atomic
def record_view(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """The learner opened the lesson: remember it as the place to continue,
    and complete it if opening it is what completes it."""
    now = timezone.now()
    completes = lesson.completion == CompletionRule.VIEWED
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={
            "first_viewed_at": now,
            "last_viewed_at": now,
            "completed_at": now if completes else None,
        },
    )
    if not created:
        changed = ["last_viewed_at"]
        progress.last_viewed_at = now
        if progress.completed_at is None and completes:
            progress.completed_at = now
            changed.append("completed_at")
        progress.save(update_fields=changed)
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.save(update_fields=["last_lesson"])
    if completes:
        check_completion(enrolment)
    return progress


@transaction.atomic
def complete_lesson(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """A lesson completed by what the learner did (a quiz passed)."""
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": now}
    )
    if not created and progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    check_completion(enrolment)
    return progress


@transaction.atomic
def save_question(
    *,
    lesson: Lesson,
    question: Question | None = None,
    fields: dict[str, Any],
    choices: list[dict[str, Any]],
) -> Question:
    """Create or change a question and replace its options (``text``,
    ``is_correct``, ``match`` each), in the order given."""
    Lesson.objects.select_for_update().get(pk=lesson.pk)
    if question is None:
        question = Question(
            lesson=lesson, position=_next_position(lesson.questions.all())
        )
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=n, **choice)
        for n, choice in enumerate(choices)
    )
    return question


@transaction.atomic
def delete_question(*, question: Question) -> None:
    question.delete()


# --- Video, audio and library-resource lessons (issue 14, media lessons) ---

#: Browsers play at most 16 times the normal speed: a report cannot claim
#: more played seconds than that since the one before, plus this slack.
MAX_RATE = 16.0
REPORT_SLACK_SECONDS = 10.0
MAX_INTERVALS_PER_REPORT = 100


class PlayedRefused(ValueError):
    """A report of played parts that cannot be true; nothing is recorded."""


def save_media_lesson(
    *,
    module: Module,
    lesson: Lesson | None,
    changes: dict[str, Any],
    checked: media.CheckedMedia | None,
    captions: tuple[str, list[dict[str, Any]]] | None,
) -> Lesson:
    """Create or update a video or audio lesson with its file and captions.

    The file is stored under its hash; if the save fails it is removed
    again, and a file the lesson no longer uses is deleted after the commit
    unless another lesson shares it.
    """
    with media.atomic_with_media():
        previous = lesson.media.name if lesson is not None else ""
        fields = dict(changes)
        if checked is not None:
            fields.update(
                media=media.store(checked),
                media_sha256=checked.sha256,
                media_size=checked.size,
                media_mime=checked.mime,
                media_duration=checked.duration,
            )
        if captions is not None:
            fields.update(captions_vtt=captions[0], captions_cues=captions[1])
        if lesson is None:
            lesson = add_lesson(module=module, kind=LessonKind.MEDIA, **fields)
        else:
            lesson = update_lesson(lesson=lesson, changes=fields)
        if previous and previous != lesson.media.name:
            media.release(previous)
        return lesson


@transaction.atomic
def record_played(
    *, enrolment: Enrolment, lesson: Lesson, intervals: list[list[float]]
) -> LessonProgress:
    """Add the parts a learner played to their union; complete the lesson
    once the union covers 90 % of the media's duration.

    Refused (PlayedRefused, nothing saved): an interval outside the media or
    backwards, too many intervals, or more new seconds than could have been
    played since the last report, even at the fastest playback speed.
    """
    duration = lesson.media_duration
    if not lesson.is_media or duration <= 0:
        raise PlayedRefused("not a media lesson")
    if not intervals or len(intervals) > MAX_INTERVALS_PER_REPORT:
        raise PlayedRefused("interval count")
    for start, end in intervals:
        if not 0 <= start < end <= duration + 1:
            raise PlayedRefused("interval out of range")
    now = timezone.now()
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={"first_viewed_at": now, "last_viewed_at": now},
    )
    clipped = [[max(0.0, s), min(duration, e)] for s, e in intervals]
    before = media.covered(progress.played)
    union = media.merge(progress.played + clipped)
    gained = media.covered(union) - before
    since = progress.played_reported_at or progress.last_viewed_at
    elapsed = max(0.0, (now - since).total_seconds())
    if gained > elapsed * MAX_RATE + REPORT_SLACK_SECONDS:
        raise PlayedRefused("more than could have been played")
    progress.played = union
    progress.played_reported_at = now
    fields = ["played", "played_reported_at"]
    done = media.covered(union) >= WATCHED_SHARE * duration
    if done and progress.completed_at is None:
        progress.completed_at = now
        fields.append("completed_at")
    progress.save(update_fields=fields)
    if done:
        check_completion(enrolment)
    return progress
