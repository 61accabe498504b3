"""A learner's enrolments, progress (with the parts of video and audio
lessons played), quiz attempts and assignments (submissions, the reviews
received and those written) in the personal data export, and what account
deletion does with them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import Enrolment, Review, Submission
from .submission_files import delete_files_after_commit

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_course_data(user: User) -> dict[str, Any]:
    enrolments = (
        Enrolment.objects.filter(learner=user)
        .select_related("course")
        .prefetch_related(
            "progress__lesson",
            "attempts__lesson",
            "history",
            "submissions__lesson",
            "submissions__reviews",
        )
        .order_by("pk")
    )
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "state": e.state,
                "requested_at": e.created_at.isoformat(),
                "admitted_at": e.admitted_at.isoformat() if e.admitted_at else None,
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "lessons": [
                    {
                        "lesson": p.lesson.title,
                        "first_opened_at": p.first_viewed_at.isoformat(),
                        "last_opened_at": p.last_viewed_at.isoformat(),
                        "completed_at": p.completed_at.isoformat()
                        if p.completed_at
                        else None,
                        # Video and audio lessons: the parts played.
                        "parts_played_seconds": p.played,
                    }
                    for p in e.progress.all()
                ],
                "quiz_attempts": [
                    {
                        "lesson": a.lesson.title,
                        "attempt": a.number,
                        "answers": a.answers,
                        "score_percent": a.score,
                        "passed": a.passed,
                        "submitted_at": a.submitted_at.isoformat(),
                    }
                    for a in e.attempts.all()
                ],
                "assignment_submissions": [_submission(s) for s in e.submissions.all()],
                "history": [h.exported() for h in e.history.all()],
            }
            for e in enrolments
        ],
        "trained_courses": [c.title for c in user.trained_courses.order_by("pk")],
        "assignment_reviews_written": [
            {
                "course": r.submission.lesson.module.course.title,
                "lesson": r.submission.lesson.title,
                "role": r.role,
                "scores": r.scores,
                "score_percent": r.score,
                "comment": r.comment,
                "allocated_at": r.allocated_at.isoformat(),
                "completed_at": r.completed_at.isoformat() if r.completed_at else None,
            }
            for r in Review.objects.filter(reviewer=user)
            .select_related("submission__lesson__module__course")
            .order_by("pk")
        ],
    }


def _submission(submission: Submission) -> dict[str, Any]:
    """A submission with the reviews received: who reviewed is not named
    (peer reviews are blind)."""
    return {
        "lesson": submission.lesson.title,
        "submission": submission.number,
        "text": submission.text,
        "file_name": submission.file_name,
        "state": submission.state,
        "score_percent": submission.score,
        "submitted_at": submission.submitted_at.isoformat(),
        "reviews_received": [
            {
                "role": r.role,
                "scores": r.scores,
                "score_percent": r.score,
                "comment": r.comment,
            }
            for r in submission.reviews.all()
            if r.completed_at is not None
        ],
    }


def erase_course_data(user: User, **options: Any) -> None:
    """Enrolments, progress, attempts and submissions (their text and files)
    are the learner's own record: they go (certificates are the certificate
    service's to erase). The reviews the person wrote of others' submissions
    stay, anonymous, so that the others keep their scores; reviews not yet
    done are withdrawn. The courses a person trained stay, without them as
    a trainer."""
    submissions = Submission.objects.filter(enrolment__learner=user)
    delete_files_after_commit(
        [name for name in submissions.values_list("file", flat=True) if name]
    )
    Review.objects.filter(reviewer=user, completed_at__isnull=True).delete()
    Review.objects.filter(reviewer=user).update(reviewer=None)
    Enrolment.objects.filter(learner=user).delete()
    user.trained_courses.clear()
