"""A learner's enrolments, progress (with the parts of video and audio
lessons played) and quiz attempts in the personal data
export, and what account deletion does with them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import Enrolment

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_course_data(user: User) -> dict[str, Any]:
    enrolments = (
        Enrolment.objects.filter(learner=user)
        .select_related("course")
        .prefetch_related("progress__lesson", "attempts__lesson", "history")
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
                "history": [h.exported() for h in e.history.all()],
            }
            for e in enrolments
        ],
        "trained_courses": [c.title for c in user.trained_courses.order_by("pk")],
    }


def erase_course_data(user: User, **options: Any) -> None:
    """Enrolments, progress and attempts are the learner's own record: they
    go (certificates are the certificate service's to erase). The courses a
    person trained stay, without them as a trainer."""
    Enrolment.objects.filter(learner=user).delete()
    user.trained_courses.clear()
