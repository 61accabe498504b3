"""A course's cover image (issue 14): the trainers' upload page, and the
image itself, served to whoever may see the course (a draft's cover is as
private as the draft)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user

from .. import permissions, services
from ..covers import CONTENT_TYPES
from ..forms import CoverForm
from ..models import Course
from .authoring import _author_crumbs, _course


@login_required
@require_http_methods(["GET", "POST"])
def cover_form(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    form = CoverForm(
        request.POST or None,
        request.FILES or None,
        course=course,
        session=request.session,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_cover(
            course=course,
            cover=data["cover"],
            alt=data["cover_alt"],
            remove=data.get("remove", False),
        )
        form.release_uploads()
        messages.success(
            request,
            _("The cover image is saved.")
            if course.cover
            else _("The course has no cover image."),
        )
        return redirect("courses:author", slug=course.slug)
    return render(
        request,
        "courses/cover_form.html",
        {
            "form": form,
            "course": course,
            "breadcrumbs": _author_crumbs(course, (_("Cover image"), "")),
        },
    )


@require_http_methods(["GET"])
def cover_image(request: HttpRequest, slug: str) -> FileResponse:
    course = get_for_user(
        Course.objects.all(),
        request.user,
        can_see=permissions.can_see_course,
        slug=slug,
    )
    name = course.cover.name if course.cover else ""
    extension = (name or "").rsplit(".", 1)[-1].lower()
    if not name or extension not in CONTENT_TYPES or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=CONTENT_TYPES[extension]
    )
    # The address carries the file's name (its hash): a new image, a new URL.
    response["Cache-Control"] = (
        "public, max-age=86400"
        if course.state != Course.State.DRAFT
        else "private, max-age=3600"
    )
    return response
