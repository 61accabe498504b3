"""What a lesson page shows for a video or audio lesson (the player, the
transcript, the share played) and for a library-resource lesson (the PDF,
or why it is not shown)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ecoc_hub.library.vocab import language_name

from . import media
from .models import Enrolment, Lesson, LessonProgress
from .resources import resource_problem, shown_pdf


def page_context(
    request: HttpRequest,
    lesson: Lesson,
    enrolment: Enrolment | None,
    following: bool,
) -> dict[str, Any]:
    """What the lesson page shows for a video, audio or resource lesson."""
    if lesson.is_media:
        progress = (
            LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
            if following and enrolment
            else None
        )
        played = media.covered(progress.played) if progress else 0.0
        duration = lesson.media_duration
        try:
            start = float(request.GET.get("t", "0"))
        except ValueError:
            start = 0.0
        language = lesson.module.course.content_language or "en"
        return {
            "cues": [
                {**cue, "clock": media.clock(cue["start"])}
                for cue in lesson.captions_cues
            ],
            "start": start if 0 <= start < duration else 0.0,
            "duration_clock": media.clock(duration),
            "played_percent": min(100, int(100 * played / duration)) if duration else 0,
            "lesson_done": bool(progress and progress.completed_at),
            "captions_label": _("Captions (%(language)s)")
            % {"language": language_name(language)},
            "captions_language": language,
        }
    if lesson.is_resource:
        resource = lesson.resource
        return {
            "pdf": shown_pdf(request.user, resource),
            "resource_problem": resource_problem(resource) if resource else "",
        }
    return {}
