"""Assignments (issue 14): a learner hands in a written answer or a file;
a trainer, or two other learners, review it with the lesson's rubric.

Peer review. When a learner hands in, they are given up to two other
learners' submissions to review (``allocate_reviews``): submissions waiting
for review, never their own, never one they reviewed already, those with
the fewest reviews first (then the oldest). Learners who handed in earlier
and still have fewer than two to review are topped up at the same time, so
the first to hand in gets the second's submission. Reviews are blind: a
peer never sees the author's name. A submission needs two peer reviews;
its score is their mean, and it is accepted when that reaches the lesson's
pass mark (a share of the rubric's points), or returned for revision. With
too few learners a submission waits: the trainer's queue says "waiting for
peers" and the trainer may review it. A trainer's review always decides,
whatever the peers said.

A learner may hand in again while no submission is accepted; the earlier
one is then replaced (its open reviews are withdrawn and given out again).
The lesson is complete once a submission is accepted; the learner hears of
each decision by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.library.files import StagedFile

from .enums import (
    PEERS_PER_SUBMISSION,
    EnrolmentState,
    LessonKind,
    ReviewMode,
    ReviewRole,
    SubmissionState,
)
from .models import (
    Enrolment,
    Lesson,
    LessonProgress,
    Review,
    RubricCriterion,
    RubricLevel,
    Submission,
)
from .submission_files import store_file

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

S = SubmissionState

# --- The rubric -----------------------------------------------------------------


def rubric_of(lesson: Lesson) -> list[RubricCriterion]:
    return list(
        RubricCriterion.objects.filter(lesson=lesson).prefetch_related("levels")
    )


def rubric_maximum(criteria: list[RubricCriterion]) -> int:
    return sum(c.maximum for c in criteria)


def score_review(
    criteria: list[RubricCriterion], chosen: dict[int, int]
) -> tuple[list[dict[str, Any]], int]:
    """The copy of the scores kept on a review and its percentage, from the
    level chosen (by id) for each criterion (by id). A missing criterion or
    a level of another criterion is a ValueError: nothing is scored."""
    scores, total = [], 0
    for criterion in criteria:
        levels = {level.pk: level for level in criterion.levels.all()}
        level = levels.get(chosen.get(criterion.pk, 0))
        if level is None:
            raise ValueError(f"no level chosen for criterion {criterion.pk}")
        total += level.points
        scores.append(
            {
                "criterion": criterion.title,
                "level": level.description,
                "points": level.points,
                "maximum": criterion.maximum,
            }
        )
    maximum = rubric_maximum(criteria)
    return scores, round(100 * total / maximum) if maximum else 0


@transaction.atomic
def save_rubric(*, lesson: Lesson, criteria: list[dict[str, Any]]) -> None:
    """Replace the lesson's rubric: ``title``, ``description`` and
    ``levels`` (``points``, ``description``) per criterion, in order. Past
    reviews keep their own copy of what they scored."""
    Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.criteria.all().delete()
    for position, data in enumerate(criteria):
        criterion = RubricCriterion(
            lesson=lesson,
            position=position,
            title=data["title"],
            description=data.get("description", ""),
        )
        criterion.full_clean()
        criterion.save()
        for level in data["levels"]:
            item = RubricLevel(criterion=criterion, **level)
            item.full_clean()
            item.save()


@transaction.atomic
def save_assignment_lesson(
    *,
    module: Any,
    lesson: Lesson | None,
    changes: dict[str, Any],
    criteria: list[dict[str, Any]],
) -> Lesson:
    """Create or change an assignment and replace its rubric, together."""
    from .services import add_lesson, update_lesson

    if lesson is None:
        lesson = add_lesson(module=module, kind=LessonKind.ASSIGNMENT, **changes)
    else:
        update_lesson(lesson=lesson, changes=changes)
    save_rubric(lesson=lesson, criteria=criteria)
    return lesson


def rubric_rows(lesson: Lesson) -> list[dict[str, Any]]:
    """The rubric as ``save_rubric`` takes it (the edit form, the export)."""
    return [
        {
            "title": c.title,
            "description": c.description,
            "levels": [
                {"points": level.points, "description": level.description}
                for level in c.levels.all()
            ],
        }
        for c in rubric_of(lesson)
    ]


# --- Reads ----------------------------------------------------------------------


def submissions_of(enrolment: Enrolment, lesson: Lesson) -> list[Submission]:
    """Newest first, with their reviews."""
    return list(
        Submission.objects.filter(enrolment=enrolment, lesson=lesson)
        .prefetch_related("reviews")
        .order_by("-number")
    )


def _later() -> Exists:
    return Exists(
        Submission.objects.filter(
            enrolment=OuterRef("enrolment"),
            lesson=OuterRef("lesson"),
            number__gt=OuterRef("number"),
        )
    )


def is_latest(submission: Submission) -> bool:
    return not Submission.objects.filter(
        enrolment_id=submission.enrolment_id,
        lesson_id=submission.lesson_id,
        number__gt=submission.number,
    ).exists()


def current(enrolment: Enrolment, lesson: Lesson) -> Submission | None:
    return (
        Submission.objects.filter(enrolment=enrolment, lesson=lesson)
        .exclude(state=S.SUPERSEDED)
        .order_by("-number")
        .first()
    )


def reviews_for(user: Any, lesson: Lesson) -> list[Review]:
    """The peer reviews a learner was given on this lesson."""
    return list(
        Review.objects.filter(
            reviewer=user, role=ReviewRole.PEER, submission__lesson=lesson
        ).select_related("submission")
    )


def waiting_count(course: Any) -> int | None:
    """Submissions waiting for review; None if the course has no assignment."""
    lessons = Lesson.objects.filter(module__course=course, kind=LessonKind.ASSIGNMENT)
    if not lessons.exists():
        return None
    return Submission.objects.filter(lesson__in=lessons, state=S.SUBMITTED).count()


@dataclass
class QueueRow:
    submission: Submission
    done: int
    open: int

    @property
    def waiting_for_peers(self) -> bool:
        return (
            self.submission.lesson.review_mode == ReviewMode.PEERS
            and self.submission.state == S.SUBMITTED
            and self.done + self.open < PEERS_PER_SUBMISSION
        )


def review_queue(lessons: Any) -> list[QueueRow]:
    """Every learner's latest submission to the lessons, those waiting first."""
    rows = (
        Submission.objects.filter(lesson__in=lessons)
        .exclude(_later())
        .select_related("lesson", "enrolment__learner")
        .annotate(
            done=Count(
                "reviews",
                filter=Q(reviews__completed_at__isnull=False, reviews__role="peer"),
            ),
            open=Count(
                "reviews",
                filter=Q(reviews__completed_at__isnull=True, reviews__role="peer"),
            ),
        )
        .order_by("submitted_at", "pk")
    )
    order = {S.SUBMITTED: 0, S.RETURNED: 1, S.ACCEPTED: 2}
    found = [QueueRow(s, s.done, s.open) for s in rows]  # type: ignore[attr-defined]
    return sorted(found, key=lambda row: order.get(S(row.submission.state), 3))


# --- Handing in -------------------------------------------------------------------


def submit_assignment(
    *, enrolment: Enrolment, lesson: Lesson, text: str, staged: StagedFile | None
) -> Submission:
    """Keep a new submission (text and/or a checked file), replacing the
    learner's earlier one unless it was accepted; on a peer-reviewed lesson,
    give out the reviews. The file is removed again if anything fails."""
    written = ""
    try:
        with transaction.atomic():
            # One hand-in at a time per lesson: the allocation counts reviews.
            Lesson.objects.select_for_update().get(pk=lesson.pk)
            Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            earlier = current(enrolment, lesson)
            if earlier is not None and earlier.state == S.ACCEPTED:
                raise TransitionError(
                    _("Your submission is accepted already."), code="accepted"
                )
            if earlier is not None and earlier.state == S.SUBMITTED:
                _close(earlier, S.SUPERSEDED)
            used = Submission.objects.filter(enrolment=enrolment, lesson=lesson)
            submission = Submission(
                enrolment=enrolment,
                lesson=lesson,
                number=(used.aggregate(m=Max("number"))["m"] or 0) + 1,
                text=text.strip(),
            )
            if staged is not None:
                written = store_file(staged, submission)
                submission.file.name = written
                submission.file_name = staged.original_name
                submission.file_size = staged.size
                submission.file_mime = staged.media_type
                submission.file_sha256 = staged.sha256
            submission.full_clean(exclude=["file"])
            submission.save()
            if lesson.review_mode == ReviewMode.PEERS:
                allocate_reviews(lesson=lesson, enrolment=enrolment)
                top_up(lesson=lesson)
    except BaseException:
        if staged is not None:
            staged.discard()
        if written:
            default_storage.delete(written)
        raise
    return submission


def _reviewers_of(submission: Submission) -> set[int]:
    return set(
        submission.reviews.exclude(reviewer=None).values_list("reviewer_id", flat=True)
    )


def allocate_reviews(*, lesson: Lesson, enrolment: Enrolment) -> list[Review]:
    """Give the learner peer reviews up to two (see the module's text)."""
    learner = enrolment.learner
    given = Review.objects.filter(
        reviewer=learner, role=ReviewRole.PEER, submission__lesson=lesson
    )
    need = PEERS_PER_SUBMISSION - given.count()
    if need <= 0:
        return []
    already = given.values("submission__enrolment_id")
    candidates = (
        Submission.objects.filter(lesson=lesson, state=S.SUBMITTED)
        .exclude(enrolment=enrolment)
        .exclude(enrolment_id__in=already)
        .annotate(taken=Count("reviews", filter=Q(reviews__role=ReviewRole.PEER)))
        .filter(taken__lt=PEERS_PER_SUBMISSION)
        .order_by("taken", "submitted_at", "pk")
    )
    made = []
    for submission in candidates[:need]:
        made.append(
            Review.objects.create(
                submission=submission, reviewer=learner, role=ReviewRole.PEER
            )
        )
    return made


def top_up(*, lesson: Lesson) -> None:
    """Learners who handed in and have fewer than two reviews to do get
    more, the earliest to hand in first."""
    waiting = (
        Submission.objects.filter(lesson=lesson)
        .exclude(state=S.SUPERSEDED)
        .select_related("enrolment__learner")
        .order_by("submitted_at", "pk")
    )
    for submission in waiting:
        if submission.enrolment.state in {
            EnrolmentState.ACTIVE,
            EnrolmentState.COMPLETED,
        }:
            allocate_reviews(lesson=lesson, enrolment=submission.enrolment)


def _close(submission: Submission, state: str) -> None:
    """Leave "waiting": open peer reviews are withdrawn."""
    submission.state = state
    fields = ["state"]
    if state in {S.ACCEPTED, S.RETURNED}:
        submission.decided_at = timezone.now()
        fields.append("decided_at")
    submission.save(update_fields=fields)
    submission.reviews.filter(completed_at__isnull=True).delete()


# --- Reviewing --------------------------------------------------------------------


def _complete_review(
    review: Review,
    criteria: list[RubricCriterion],
    chosen: dict[int, int],
    comment: str,
) -> Review:
    review.scores, review.score = score_review(criteria, chosen)
    review.comment = comment.strip()
    review.completed_at = timezone.now()
    review.save(update_fields=["scores", "score", "comment", "completed_at"])
    return review


@transaction.atomic
def submit_peer_review(
    *, review: Review, chosen: dict[int, int], comment: str
) -> Review:
    """A peer's scores; the second review decides the submission."""
    # The lesson first, as handing in does, so the two never wait on each other.
    Lesson.objects.select_for_update().get(pk=review.submission.lesson_id)
    review = Review.objects.select_for_update().get(pk=review.pk)
    submission = Submission.objects.select_for_update().get(pk=review.submission_id)
    if review.is_done or submission.state != S.SUBMITTED:
        raise TransitionError(
            _("This review is closed: the submission was decided or replaced."),
            code="closed",
        )
    lesson = submission.lesson
    _complete_review(review, rubric_of(lesson), chosen, comment)
    done = list(
        submission.reviews.filter(role=ReviewRole.PEER, completed_at__isnull=False)
    )
    if len(done) >= PEERS_PER_SUBMISSION:
        score = round(mean(r.score or 0 for r in done))
        _decide(submission, accepted=score >= lesson.pass_mark, score=score)
    return review


@transaction.atomic
def review_as_trainer(
    *,
    submission: Submission,
    trainer: User,
    chosen: dict[int, int],
    comment: str,
    accept: bool,
) -> Review:
    """A trainer's review decides, whatever the peers said; on an accepted
    submission it may return it (unless the course is completed)."""
    Lesson.objects.select_for_update().get(pk=submission.lesson_id)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state == S.SUPERSEDED or not is_latest(submission):
        raise TransitionError(
            _("This submission was replaced by a later one."), code="superseded"
        )
    enrolment = submission.enrolment
    if (
        not accept
        and submission.state == S.ACCEPTED
        and enrolment.state == EnrolmentState.COMPLETED
    ):
        raise TransitionError(
            _("The learner has completed the course: the submission stays accepted."),
            code="completed",
        )
    review, _created = Review.objects.get_or_create(
        submission=submission,
        reviewer=trainer,
        defaults={"role": ReviewRole.TRAINER},
    )
    if review.role != ReviewRole.TRAINER:
        raise TransitionError(
            _("You reviewed this submission as a learner."), code="peer"
        )
    _complete_review(review, rubric_of(submission.lesson), chosen, comment)
    _decide(submission, accepted=accept, score=review.score or 0, force=True)
    return review


def _decide(
    submission: Submission, *, accepted: bool, score: int, force: bool = False
) -> None:
    from .services import complete_lesson

    submission.score = score
    submission.save(update_fields=["score"])
    _close(submission, S.ACCEPTED if accepted else S.RETURNED)
    enrolment, lesson = submission.enrolment, submission.lesson
    if accepted:
        complete_lesson(enrolment=enrolment, lesson=lesson)
    elif force:
        LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).update(
            completed_at=None
        )
    if lesson.review_mode == ReviewMode.PEERS:
        top_up(lesson=lesson)
    transaction.on_commit(lambda: _notify(submission))


def _notify(submission: Submission) -> None:
    learner = submission.enrolment.learner
    if not learner.email or not learner.is_active:
        return
    lesson = submission.lesson
    queue_email(
        to=[learner.email],
        template="courses/email/reviewed",
        context={
            "name": learner.public_name,
            "lesson": lesson.title,
            "course": lesson.module.course.title,
            "accepted": submission.state == S.ACCEPTED,
            "score": submission.score,
            "url": settings.SITE_URL
            + reverse("courses:lesson", args=[lesson.module.course.slug, lesson.pk])
            + "#assignment",
        },
        language=learner.preferred_language or settings.LANGUAGE_CODE,
    )
