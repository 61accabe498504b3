from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, queries, services
from ..files import UploadRejected, allowed_types_summary, stage_upload
from ..forms import AccessForm, FileUploadForm, MetadataForm
from ..models import Resource, ResourceFile
from .base import library_crumb

DEPOSIT_STEPS = ["metadata", "files", "access", "review"]


def _get_editable(request: AuthenticatedHttpRequest, uuid: UUID) -> Resource:
    return get_for_user(
        Resource,
        request.user,
        can_see=permissions.can_see_resource,
        can_do=permissions.can_edit,
        uuid=uuid,
    )


def _deposit_context(resource: Resource | None, step: str, **extra: Any) -> dict:
    labels = [_("Description"), _("Files"), _("Licence and access"), _("Review")]
    steps = [
        {
            "name": name,
            "label": label,
            "url": reverse(f"library:deposit_{name}", args=[resource.uuid])
            if resource
            else "",
            "current": name == step,
        }
        for name, label in zip(DEPOSIT_STEPS, labels, strict=True)
    ]
    crumbs = [library_crumb(), (_("Contribute"), "")]
    return {
        "resource": resource,
        "steps": steps,
        "step": step,
        "breadcrumbs": crumbs,
        **extra,
    }


def _save_metadata(
    request: AuthenticatedHttpRequest, form: MetadataForm, resource: Resource | None
) -> Resource | None:
    data = form.cleaned_data
    try:
        if resource is None:
            return services.create_draft(
                owner=request.user,
                title=data["title"],
                values=form.values(),
                creators=data["creators"],
                capacity_areas=data["capacity_areas"],
                titles=data["titles"],
            )
        services.update_metadata(
            resource=resource,
            editor=request.user,
            values=form.values(),
            creators=data["creators"],
            capacity_areas=data["capacity_areas"],
            titles=data["titles"],
        )
        return resource
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = field if field in form.fields else None
                for item in errors:
                    form.add_error(target, item)
        else:
            form.add_error(None, error)
        return None


@requires(permissions.can_contribute)
@require_http_methods(["GET", "POST"])
def deposit_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MetadataForm(
        request.POST or None,
        request.FILES or None,
        session=request.session,
        with_file=True,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        staged = None
        if upload:
            try:
                staged = stage_upload(source=upload, filename=upload.name)
            except UploadRejected as error:
                form.release_uploads()
                form.add_error("file", error.message)
        if not form.errors:
            resource = _save_metadata(request, form, None)
            if resource is not None:
                if staged is not None:
                    services.add_file(
                        resource=resource, staged=staged, uploaded_by=request.user
                    )
                form.release_uploads()
                messages.success(request, _("Draft saved."))
                return redirect("library:deposit_files", resource.uuid)
            if staged is not None:
                staged.discard()
    return render(
        request,
        "library/deposit_metadata.html",
        _deposit_context(None, "metadata", form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def deposit_metadata(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = _get_editable(request, uuid)
    form = MetadataForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        # The form works on a copy: the service computes the diff itself.
        fresh = Resource.objects.get(pk=resource.pk)
        if _save_metadata(request, form, fresh) is not None:
            messages.success(request, _("Draft saved."))
            if fresh.is_published:
                return redirect(fresh)
            return redirect("library:deposit_files", fresh.uuid)
    return render(
        request,
        "library/deposit_metadata.html",
        _deposit_context(resource, "metadata", form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def deposit_files(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = _get_editable(request, uuid)
    form = FileUploadForm(
        request.POST or None, request.FILES or None, session=request.session
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = stage_upload(source=upload, filename=upload.name)
        except UploadRejected as error:
            # Refused for its content: not worth keeping for the next try.
            form.release_uploads()
            form.add_error("file", error.message)
        else:
            services.add_file(
                resource=resource,
                staged=staged,
                uploaded_by=request.user,
                label=form.cleaned_data["label"],
            )
            form.release_uploads()
            messages.success(request, _("File added."))
            return redirect("library:deposit_files", resource.uuid)
    files = list(resource.files.filter(is_current=True).select_related("blob"))
    return render(
        request,
        "library/deposit_files.html",
        _deposit_context(
            resource, "files", form=form, files=files, limits=allowed_types_summary()
        ),
    )


@login_required
@require_POST
def deposit_remove_file(
    request: AuthenticatedHttpRequest, uuid: UUID, file_uuid: UUID
) -> HttpResponse:
    resource = _get_editable(request, uuid)
    file = get_object_or_404(ResourceFile, uuid=file_uuid, resource=resource)
    try:
        services.remove_file(file=file)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("File removed."))
    return redirect("library:deposit_files", resource.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def deposit_access(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = _get_editable(request, uuid)
    form = AccessForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        fresh = Resource.objects.get(pk=resource.pk)
        services.update_metadata(
            resource=fresh,
            editor=request.user,
            values={
                "licence": form.cleaned_data["licence"],
                "access": form.cleaned_data["access"],
                "embargo_until": form.cleaned_data["embargo_until"],
            },
            allowed_organisations=form.cleaned_data["allowed_organisations"]
            if form.cleaned_data["access"] == Resource.Access.RESTRICTED
            else [],
        )
        messages.success(request, _("Draft saved."))
        if fresh.is_published:
            return redirect(fresh)
        return redirect("library:deposit_review", resource.uuid)
    return render(
        request,
        "library/deposit_access.html",
        _deposit_context(resource, "access", form=form),
    )


# What the contributor's review page may ask for, and what it says after.
_REVIEW_ACTIONS = {
    "submit": lambda: _("Submitted. A curator will review it; you will get an e-mail."),
    "publish_directly": lambda: _("Published."),
}


@login_required
@require_http_methods(["GET", "POST"])
def deposit_review(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    resource = _get_editable(request, uuid)
    if request.method == "POST":
        action = request.POST.get("action", "")
        # The form's "publish" button is the curators' direct publication.
        action = "publish_directly" if action == "publish" else action
        if action not in _REVIEW_ACTIONS:
            messages.error(request, _("Choose what to do with the draft."))
            return redirect("library:deposit_review", resource.uuid)
        try:
            services.moderate(resource=resource, action=action, actor=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("library:deposit_review", resource.uuid)
        messages.success(request, _REVIEW_ACTIONS[action]())
        return redirect(resource)
    return render(
        request,
        "library/deposit_review.html",
        _deposit_context(
            resource,
            "review",
            missing=services.missing_for_submission(resource),
            creators=list(resource.creators.all()),
            files=list(resource.files.filter(is_current=True)),
            can_submit=permissions.can_submit(request.user, resource),
            can_publish=permissions.can_moderate(request.user),
            events=list(resource.moderation_events.select_related("actor")[:5]),
        ),
    )


@login_required
def my_contributions(request: AuthenticatedHttpRequest) -> HttpResponse:
    resources = list(queries.my_contributions(request.user))
    return render(
        request,
        "library/my_contributions.html",
        {
            "resources": resources,
            "breadcrumbs": [library_crumb(), (_("My contributions"), "")],
        },
    )
