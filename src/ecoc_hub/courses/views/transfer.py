"""A course as a ZIP archive (issue 14): the trainers' export, and the
import page of curators and trainers (``transfer.py``, ``transfer_import.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires

from .. import permissions
from ..forms_transfer import ImportCourseForm
from ..transfer import archive_name, export_course
from ..transfer_import import import_course
from .authoring import _course


@login_required
@require_http_methods(["GET"])
def course_export(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    response = HttpResponse(export_course(course), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive_name(course)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(permissions.can_import_course)
@require_http_methods(["GET", "POST"])
def course_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    bound = request.method == "POST"
    form = ImportCourseForm(
        request.POST if bound else None, request.FILES if bound else None
    )
    if request.method == "POST" and form.is_valid():
        unlinked: list[str] = []
        try:
            course = import_course(
                form.cleaned_data["archive"], user=request.user, unlinked=unlinked
            )
        except ValidationError as error:
            form.add_error("archive", error)
        else:
            messages.success(
                request,
                _("“%(title)s” is imported as a draft: check it, then publish it.")
                % {"title": course.title},
            )
            if unlinked:
                messages.warning(
                    request,
                    _("These prerequisites are not on this platform: %(slugs)s.")
                    % {"slugs": ", ".join(unlinked)},
                )
            return redirect("courses:author", slug=course.slug)
    return render(
        request,
        "courses/import_form.html",
        {
            "form": form,
            "breadcrumbs": [
                (_("Learn"), reverse("courses:list")),
                (_("Import a course"), ""),
            ],
        },
        status=400 if form.errors else 200,
    )
