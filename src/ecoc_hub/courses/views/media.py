"""Video and audio lessons: the media file and captions
(served only to those who may open the lesson, with byte ranges and HEAD)
and the player's reports of the parts played."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.ranges import serve_bytes

from .. import media, permissions, services
from ..models import Course, Enrolment, Lesson
from .lessons import _lesson_for


def _media_lesson(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> tuple[Course, Lesson, Enrolment | None]:
    course, lesson, enrolment = _lesson_for(request, slug, pk)
    if not lesson.is_media or not lesson.media:
        raise Http404
    return course, lesson, enrolment


@login_required
@require_safe
def lesson_media(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponseBase:
    _course, lesson, _enrolment = _media_lesson(request, slug, pk)
    name = lesson.media.name or ""
    response = serve_bytes(
        request,
        open_file=lambda: default_storage.open(name, "rb"),
        size=lesson.media_size,
        content_type=lesson.media_mime,
        etag=lesson.media_sha256,
        storage_name=name,
        headers={"Cache-Control": "private, no-cache"},
    )
    patch_vary_headers(response, ["Cookie"])
    return response


@login_required
@require_safe
def lesson_captions(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    _course, lesson, _enrolment = _media_lesson(request, slug, pk)
    if not lesson.captions_vtt:
        raise Http404
    response = HttpResponse(lesson.captions_vtt, content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    return response


def _intervals(body: bytes) -> list[list[float]]:
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise services.PlayedRefused("not JSON") from None
    items = data.get("played") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise services.PlayedRefused("no intervals")
    intervals: list[list[float]] = []
    for item in items:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in item
            )
        ):
            raise services.PlayedRefused("bad interval")
        intervals.append([float(item[0]), float(item[1])])
    return intervals


@login_required
@require_POST
def lesson_played(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> JsonResponse:
    """The player's report: ``{"played": [[start, end], ...]}`` in seconds."""
    course, lesson, enrolment = _media_lesson(request, slug, pk)
    if enrolment is None or not permissions.can_follow(request.user, course, enrolment):
        raise ActionRefused  # a trainer's preview is not recorded
    try:
        progress = services.record_played(
            enrolment=enrolment, lesson=lesson, intervals=_intervals(request.body)
        )
    except services.PlayedRefused:
        return JsonResponse(
            {"error": _("This report of played parts was refused.")}, status=400
        )
    played = media.covered(progress.played)
    return JsonResponse(
        {
            "played_seconds": round(played, 1),
            "percent": min(100, int(100 * played / lesson.media_duration)),
            "complete": progress.completed_at is not None,
        }
    )
