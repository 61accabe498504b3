from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ObjectPredicate, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, services
from ..downloads import serve_blob
from ..files import UploadRejected, allowed_types_summary, stage_upload
from ..forms import FileUploadForm
from ..models import ResourceFile
from .base import library_crumb

# A player asking for the first byte or two probes the file; it is not a read.
_PROBES = {"", "bytes=0-", "bytes=0-1"}


def get_file_for_user(
    request: HttpRequest,
    uuid: UUID,
    *,
    can_do: ObjectPredicate = permissions.can_download_file,
) -> ResourceFile:
    return get_for_user(
        ResourceFile.objects.select_related("blob", "resource", "thumbnail"),
        request.user,
        can_see=permissions.can_see_file,
        can_do=can_do,
        uuid=uuid,
    )


@require_http_methods(["GET", "HEAD"])
def file_download(
    request: HttpRequest, uuid: UUID, name: str = ""
) -> HttpResponse | StreamingHttpResponse:
    file = get_file_for_user(request, uuid)
    range_header = request.headers.get("Range", "").replace(" ", "")
    inline = request.GET.get("inline") == "1"
    response = serve_blob(
        request,
        blob=file.blob,
        filename=file.original_name,
        kind=file.kind,
        inline=inline,
    )
    if (
        response.status_code in {200, 206}
        and request.method == "GET"
        and range_header in _PROBES
        and not inline
    ):
        services.record_hit(
            resource=file.resource,
            user_agent=request.headers.get("User-Agent", ""),
            download=True,
        )
    return response


@require_http_methods(["GET", "HEAD"])
def file_thumbnail(
    request: HttpRequest, uuid: UUID
) -> HttpResponse | StreamingHttpResponse:
    file = get_file_for_user(request, uuid)
    if file.thumbnail is None:
        raise Http404
    return serve_blob(
        request,
        blob=file.thumbnail,
        filename=f"{file.uuid}.png",
        kind="png",
        inline=True,
    )


def file_viewer(request: HttpRequest, uuid: UUID) -> HttpResponse:
    file = get_file_for_user(request, uuid)
    if not file.is_pdf:
        raise Http404
    resource = file.resource
    return render(
        request,
        "library/viewer.html",
        {
            "file": file,
            "resource": resource,
            "breadcrumbs": [
                library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (file.display_name, ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def file_new_version(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    file = get_file_for_user(request, uuid, can_do=permissions.can_replace_file)
    resource = file.resource
    form = FileUploadForm(
        request.POST or None, request.FILES or None, initial={"label": file.label}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = stage_upload(source=upload, filename=upload.name)
            services.replace_file(
                file=file,
                staged=staged,
                uploaded_by=request.user,
                label=form.cleaned_data["label"] or file.label,
            )
        except UploadRejected as error:
            form.add_error("file", error.message)
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request, _("New version uploaded; the earlier one stays available.")
            )
            return redirect(resource)
    return render(
        request,
        "library/file_version_form.html",
        {
            "form": form,
            "file": file,
            "resource": resource,
            "limits": allowed_types_summary(),
            "breadcrumbs": [
                library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("New version"), ""),
            ],
        },
    )
