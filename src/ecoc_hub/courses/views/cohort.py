"""Trainers' pages (issue 14): the webinars linked as a cohort's live
sessions, and the course's published versions with their snapshots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.workflow import TransitionError

from .. import cohort, versions
from ..enums import CourseState
from ..forms_cohort import LiveSessionForm, VersionForm
from ..models import CourseVersion, LiveSession
from .authoring import _author_crumbs, _course


@login_required
@require_http_methods(["GET", "POST"])
def live_sessions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    form = LiveSessionForm(
        request.POST if request.method == "POST" else None,
        webinars=cohort.webinars_to_link(request.user, course),
    )
    if request.method == "POST" and form.is_valid():
        try:
            cohort.link_webinar(course=course, event=form.cleaned_data["event"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The webinar is a live session of the course."))
            return redirect("courses:live_sessions", slug=course.slug)
    links = list(course.live_sessions.select_related("event"))
    return render(
        request,
        "courses/live_sessions.html",
        {
            "course": course,
            "form": form if course.is_cohort else None,
            "links": links,
            "breadcrumbs": _author_crumbs(course, (_("Live sessions"), "")),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_POST
def live_session_remove(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    course = _course(request, slug)
    link = get_object_or_404(LiveSession, pk=pk, course=course)
    cohort.unlink_webinar(link=link)
    messages.success(
        request,
        _("“%(title)s” is no longer a live session of the course; the webinar is kept.")
        % {"title": link.event.title},
    )
    return redirect("courses:live_sessions", slug=course.slug)


@login_required
@require_http_methods(["GET", "POST"])
def course_versions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    form = VersionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            version = versions.publish_version(
                course=course, actor=request.user, note=form.cleaned_data["note"]
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s is published.") % {"number": version.number},
            )
            return redirect("courses:versions", slug=course.slug)
    return render(
        request,
        "courses/versions.html",
        {
            "course": course,
            "form": form if course.state == CourseState.PUBLISHED else None,
            "versions": list(course.versions.select_related("published_by")),
            "breadcrumbs": _author_crumbs(course, (_("Versions"), "")),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_http_methods(["GET"])
def version_snapshot(
    request: AuthenticatedHttpRequest, slug: str, number: int
) -> FileResponse:
    course = _course(request, slug)
    version = get_object_or_404(CourseVersion, course=course, number=number)
    try:
        handle = version.snapshot.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=versions.snapshot_name(version),
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
