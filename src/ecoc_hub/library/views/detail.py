from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.cities.related import sections as related_sections
from ecoc_hub.core.permissions import ObjectPredicate, get_for_user
from ecoc_hub.library.landing import add_signposting

from .. import permissions, queries, services
from ..forms import ReportForm
from ..models import Resource
from ..vocab import language_name
from .base import library_crumb


def get_resource_for_user(
    request: HttpRequest,
    uuid: UUID,
    *,
    can_do: ObjectPredicate = permissions.can_open_resource,
) -> Resource:
    """A record the person may know of (else 404) and may ``can_do`` (else 403)."""
    return get_for_user(
        Resource.objects.select_related("owner").prefetch_related(
            "allowed_organisations"
        ),
        request.user,
        can_see=permissions.can_see_resource,
        can_do=can_do,
        uuid=uuid,
    )


def _citation(resource: Resource, creators: list[Any]) -> str:
    names = "; ".join(c.name for c in creators)
    parts = [p for p in [names, f"({resource.publication_year})"] if p.strip("()")]
    text = " ".join(parts) + (". " if parts else "") + resource.title + "."
    if resource.publisher:
        text += f" {resource.publisher}."
    if resource.doi:
        text += f" https://doi.org/{resource.doi}"
    elif resource.url:
        text += f" {resource.url}"
    return text


def _tombstone(request: HttpRequest, resource: Resource) -> HttpResponse:
    return render(
        request,
        "library/tombstone.html",
        {
            "resource": resource,
            # The title of a members-only or team record stays theirs.
            "show_title": permissions.audience_allows(request.user, resource)
            or permissions.can_moderate(request.user),
            "breadcrumbs": [library_crumb(), (_("Withdrawn resource"), "")],
        },
        status=410,
    )


def resource_detail(request: HttpRequest, uuid: UUID, slug: str = "") -> HttpResponse:
    resource = get_resource_for_user(request, uuid)
    if resource.state == Resource.State.WITHDRAWN:
        return _tombstone(request, resource)
    files = list(
        resource.files.select_related("blob", "thumbnail", "supersedes").order_by(
            "position", "-version"
        )
    )
    current = [f for f in files if f.is_current]
    earlier = [f for f in files if not f.is_current]
    captions = [f for f in current if f.is_captions]
    creators = list(resource.creators.all())
    visible = queries.visible_resources(request.user)
    related = [
        (rel.get_kind_display(), rel.target)
        for rel in resource.relations_from.select_related("target").filter(
            target__in=visible
        )
    ] + [
        (_("Has related resource"), rel.source)
        for rel in resource.relations_to.select_related("source").filter(
            source__in=visible
        )
    ]
    user = request.user
    can_edit = permissions.can_edit(user, resource)
    is_editor = permissions.can_see_history(user, resource)
    if request.method == "GET" and resource.is_published:
        services.record_hit(
            resource=resource,
            user_agent=request.headers.get("User-Agent", ""),
            download=False,
        )
        resource.refresh_from_db(fields=["view_count", "download_count"])
    context = {
        "resource": resource,
        "creators": creators,
        "files": current,
        "earlier_files": earlier,
        "captions": captions,
        # A search hit in a transcript links here with its moment in seconds.
        "start": int(t) if (t := request.GET.get("t", "")).isdigit() else None,
        "languages": [language_name(code) for code in resource.languages],
        "capacity_areas": list(resource.capacity_areas.all()),
        "titles": list(resource.titles.select_related("city")),
        "related": related,
        "related_sections": related_sections("resource", obj=resource, user=user),
        "citation": _citation(resource, creators),
        "can_edit": can_edit,
        "can_download": permissions.can_download_files(user, resource),
        "can_add_version": permissions.can_add_file_version(user, resource),
        "can_moderate": permissions.can_moderate(user),
        "can_report": permissions.can_report(user, resource),
        "is_editor": is_editor,
        "versions": list(resource.versions.select_related("editor")[:20])
        if is_editor
        else [],
        "events": list(resource.moderation_events.select_related("actor")[:20])
        if is_editor
        else [],
        "breadcrumbs": [library_crumb(), (resource.title, "")],
    }
    return add_signposting(
        render(request, "library/resource_detail.html", context), resource
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, uuid: UUID) -> HttpResponse:
    resource = get_resource_for_user(request, uuid, can_do=permissions.can_report)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_resource(
            resource=resource,
            reporter=request.user if request.user.is_authenticated else None,
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
        )
        messages.success(request, _("Thank you. A curator will look at your report."))
        return redirect(resource)
    return render(
        request,
        "library/report_form.html",
        {
            "form": form,
            "resource": resource,
            "breadcrumbs": [
                library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("Report a problem"), ""),
            ],
        },
    )
