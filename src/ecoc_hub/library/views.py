from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import User
from ecoc_hub.accounts.permissions import is_curator
from ecoc_hub.api.landing import add_signposting
from ecoc_hub.search.queries import search

from . import permissions, queries, services
from .downloads import serve_blob
from .files import UploadRejected, allowed_types_summary, stage_upload
from .forms import (
    AccessForm,
    CollectionForm,
    CommentForm,
    FileUploadForm,
    MetadataForm,
    ReasonForm,
    ReportForm,
    ResolveReportForm,
)
from .models import (
    Collection,
    CollectionItem,
    Report,
    Resource,
    ResourceFile,
)
from .search_index import KIND
from .vocab import language_name

FACETS = ["type", "capacity_area", "city", "country", "year", "language", "licence"]
PER_PAGE = 20
DEPOSIT_STEPS = ["metadata", "files", "access", "review"]


def _library_crumb() -> tuple[str, str]:
    return (_("Library"), reverse("library:list"))


# Browsing and search ------------------------------------------------------------


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:500]
    sort = request.GET.get("sort", "relevance" if query else "newest")
    filters = {
        name: request.GET.getlist(name)[:20]
        for name in FACETS
        if request.GET.getlist(name)
    }
    year_from = _int_or_none(request.GET.get("year_from"))
    year_to = _int_or_none(request.GET.get("year_to"))
    page = _int_or_none(request.GET.get("page")) or 1
    results = search(
        query,
        user=request.user,
        kinds=[KIND],
        filters=filters,
        year_range=(year_from, year_to) if year_from or year_to else None,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
        facet_names=FACETS,
    )
    browsing = not query and not filters and page == 1
    return render(
        request,
        "library/index.html",
        {
            "results": results,
            "collections": list(queries.collections_for_listing()[:6])
            if browsing
            else [],
            "can_contribute": permissions.can_contribute(request.user),
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [(_("Library"), "")],
        },
    )


# Resource pages -----------------------------------------------------------------


def _get_resource_for_user(request: HttpRequest, resource_uuid: Any) -> Resource:
    resource = get_object_or_404(
        Resource.objects.select_related("owner").prefetch_related(
            "allowed_organisations"
        ),
        uuid=resource_uuid,
    )
    if resource.state == Resource.State.WITHDRAWN:
        return resource  # the caller shows the tombstone
    if not permissions.can_view_resource(request.user, resource):
        if resource.state != Resource.State.PUBLISHED:
            raise Http404
        raise PermissionDenied
    return resource


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


def resource_detail(request: HttpRequest, uuid: Any, slug: str = "") -> HttpResponse:
    resource = _get_resource_for_user(request, uuid)
    if resource.state == Resource.State.WITHDRAWN:
        return render(
            request,
            "library/tombstone.html",
            {
                "resource": resource,
                # The title of a members-only or team record stays theirs.
                "show_title": permissions.audience_allows(request.user, resource)
                or permissions.can_moderate(request.user),
                "breadcrumbs": [_library_crumb(), (_("Withdrawn resource"), "")],
            },
            status=410,
        )
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
    is_editor = (
        can_edit
        or permissions.can_moderate(user)
        or (user.is_authenticated and resource.owner_id == user.pk)
    )
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
        "languages": [language_name(code) for code in resource.languages],
        "capacity_areas": list(resource.capacity_areas.all()),
        "titles": list(resource.titles.select_related("city")),
        "related": related,
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
        "breadcrumbs": [_library_crumb(), (resource.title, "")],
    }
    return add_signposting(
        render(request, "library/resource_detail.html", context), resource
    )


def _get_file_for_user(request: HttpRequest, file_uuid: Any) -> ResourceFile:
    file = get_object_or_404(
        ResourceFile.objects.select_related("blob", "resource", "thumbnail"),
        uuid=file_uuid,
    )
    resource = file.resource
    if resource.state == Resource.State.WITHDRAWN and not is_curator(request.user):
        raise Http404
    if not permissions.can_download_file(request.user, file):
        if not permissions.can_view_resource(request.user, resource) and (
            resource.state != Resource.State.PUBLISHED
        ):
            raise Http404
        raise PermissionDenied
    return file


@require_http_methods(["GET", "HEAD"])
def file_download(
    request: HttpRequest, uuid: Any, name: str = ""
) -> HttpResponse | StreamingHttpResponse:
    file = _get_file_for_user(request, uuid)
    range_header = request.headers.get("Range", "")
    response = serve_blob(
        request,
        blob=file.blob,
        filename=file.original_name,
        kind=file.kind,
        inline=request.GET.get("inline") == "1",
    )
    counted = response.status_code in {200, 206} and request.method == "GET"
    if (
        counted
        and (
            not range_header
            or range_header.replace(" ", "")
            in {
                "bytes=0-",
                "bytes=0-1",
            }
        )
        and request.GET.get("inline") != "1"
    ):
        services.record_hit(
            resource=file.resource,
            user_agent=request.headers.get("User-Agent", ""),
            download=True,
        )
    return response


@require_http_methods(["GET", "HEAD"])
def file_thumbnail(
    request: HttpRequest, uuid: Any
) -> HttpResponse | StreamingHttpResponse:
    file = _get_file_for_user(request, uuid)
    if file.thumbnail is None:
        raise Http404
    return serve_blob(
        request,
        blob=file.thumbnail,
        filename=f"{file.uuid}.png",
        kind="png",
        inline=True,
    )


def file_viewer(request: HttpRequest, uuid: Any) -> HttpResponse:
    file = _get_file_for_user(request, uuid)
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
                _library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (file.display_name, ""),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, uuid: Any) -> HttpResponse:
    resource = _get_resource_for_user(request, uuid)
    if not permissions.can_report(request.user, resource):
        raise PermissionDenied
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
                _library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("Report a problem"), ""),
            ],
        },
    )


# Deposit ------------------------------------------------------------------------


def _get_editable(request: HttpRequest, uuid: Any) -> Resource:
    resource = get_object_or_404(Resource, uuid=uuid)
    if not permissions.can_edit(request.user, resource):
        if permissions.can_view_resource(request.user, resource):
            raise PermissionDenied
        raise Http404
    return resource


def _deposit_context(resource: Resource | None, step: str, **extra: Any) -> dict:
    steps = [
        {
            "name": name,
            "label": label,
            "url": reverse(f"library:deposit_{name}", args=[resource.uuid])
            if resource
            else "",
            "current": name == step,
        }
        for name, label in zip(
            DEPOSIT_STEPS,
            [_("Description"), _("Files"), _("Licence and access"), _("Review")],
            strict=True,
        )
    ]
    crumbs = [_library_crumb(), (_("Contribute"), "")]
    return {
        "resource": resource,
        "steps": steps,
        "step": step,
        "breadcrumbs": crumbs,
        **extra,
    }


def _save_metadata(
    request: HttpRequest, form: MetadataForm, resource: Resource | None
) -> Resource | None:
    data = form.cleaned_data
    try:
        if resource is None:
            return services.create_draft(
                owner=request.user,  # type: ignore[arg-type]
                title=data["title"],
                values=form.values(),
                creators=data["creators"],
                capacity_areas=data["capacity_areas"],
                titles=data["titles"],
            )
        services.update_metadata(
            resource=resource,
            editor=request.user,  # type: ignore[arg-type]
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


@login_required
@require_http_methods(["GET", "POST"])
def deposit_start(request: HttpRequest) -> HttpResponse:
    if not permissions.can_contribute(request.user):
        raise PermissionDenied
    form = MetadataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resource = _save_metadata(request, form, None)
        if resource is not None:
            messages.success(request, _("Draft saved."))
            return redirect("library:deposit_files", resource.uuid)
    return render(
        request,
        "library/deposit_metadata.html",
        _deposit_context(None, "metadata", form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def deposit_metadata(request: HttpRequest, uuid: Any) -> HttpResponse:
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
def deposit_files(request: HttpRequest, uuid: Any) -> HttpResponse:
    resource = _get_editable(request, uuid)
    form = FileUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = stage_upload(source=upload, filename=upload.name)
        except UploadRejected as error:
            form.add_error("file", error.message)
        else:
            services.add_file(
                resource=resource,
                staged=staged,
                uploaded_by=request.user,  # type: ignore[arg-type]
                label=form.cleaned_data["label"],
            )
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
    request: HttpRequest, uuid: Any, file_uuid: Any
) -> HttpResponse:
    resource = _get_editable(request, uuid)
    file = get_object_or_404(ResourceFile, uuid=file_uuid, resource=resource)
    try:
        services.remove_file(file=file)
    except services.InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("File removed."))
    return redirect("library:deposit_files", resource.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def file_new_version(request: HttpRequest, uuid: Any) -> HttpResponse:
    file = get_object_or_404(ResourceFile.objects.select_related("resource"), uuid=uuid)
    resource = file.resource
    if not permissions.can_add_file_version(request.user, resource):
        if permissions.can_view_resource(request.user, resource):
            raise PermissionDenied
        raise Http404
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
                uploaded_by=request.user,  # type: ignore[arg-type]
                label=form.cleaned_data["label"] or file.label,
            )
        except UploadRejected as error:
            form.add_error("file", error.message)
        except services.InvalidTransition as error:
            form.add_error(None, error.message)
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
                _library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("New version"), ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def deposit_access(request: HttpRequest, uuid: Any) -> HttpResponse:
    resource = _get_editable(request, uuid)
    form = AccessForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        fresh = Resource.objects.get(pk=resource.pk)
        services.update_metadata(
            resource=fresh,
            editor=request.user,  # type: ignore[arg-type]
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


@login_required
@require_http_methods(["GET", "POST"])
def deposit_review(request: HttpRequest, uuid: Any) -> HttpResponse:
    resource = _get_editable(request, uuid)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "publish" and permissions.can_moderate(request.user):
                services.publish_directly(resource=resource, curator=request.user)  # type: ignore[arg-type]
                messages.success(request, _("Published."))
            elif action == "submit" and permissions.can_submit(request.user, resource):
                services.submit_for_review(resource=resource, user=request.user)  # type: ignore[arg-type]
                messages.success(
                    request,
                    _("Submitted. A curator will review it; you will get an e-mail."),
                )
            else:
                raise PermissionDenied
        except services.InvalidTransition as error:
            messages.error(request, error.message)
            return redirect("library:deposit_review", resource.uuid)
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
def my_contributions(request: HttpRequest) -> HttpResponse:
    resources = list(queries.my_contributions(request.user))
    return render(
        request,
        "library/my_contributions.html",
        {
            "resources": resources,
            "breadcrumbs": [_library_crumb(), (_("My contributions"), "")],
        },
    )


# Moderation ---------------------------------------------------------------------


def _require_curator(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _require_curator(request)
    return render(
        request,
        "library/moderation_queue.html",
        {
            "resources": list(queries.moderation_queue()),
            "open_reports": queries.open_reports().count(),
            "breadcrumbs": [_library_crumb(), (_("Moderation"), "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, uuid: Any) -> HttpResponse:
    _require_curator(request)
    resource = get_object_or_404(Resource.objects.select_related("owner"), uuid=uuid)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        action = request.POST.get("action")
        curator = cast(User, request.user)
        try:
            if action == "approve":
                services.approve(resource=resource, curator=curator, comment=comment)  # type: ignore[arg-type]
                messages.success(request, _("Published."))
            elif action == "request_changes":
                services.request_changes(
                    resource=resource, curator=curator, comment=comment
                )  # type: ignore[arg-type]
                messages.success(request, _("Sent back to the contributor."))
            elif action == "reject":
                services.reject(resource=resource, curator=curator, reason=comment)  # type: ignore[arg-type]
                messages.success(request, _("Rejected."))
            else:
                form.add_error(None, _("Choose a decision."))
                raise services.InvalidTransition("")
        except services.InvalidTransition as error:
            if error.message:
                form.add_error(
                    "comment" if "reason" in error.message else None, error.message
                )
        else:
            return redirect("library:moderation")
    return render(
        request,
        "library/moderate.html",
        {
            "resource": resource,
            "form": form,
            "creators": list(resource.creators.all()),
            "files": list(resource.files.filter(is_current=True)),
            "events": list(resource.moderation_events.select_related("actor")),
            "breadcrumbs": [
                _library_crumb(),
                (_("Moderation"), reverse("library:moderation")),
                (resource.title, ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, uuid: Any) -> HttpResponse:
    _require_curator(request)
    resource = get_object_or_404(Resource, uuid=uuid)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                resource=resource,
                curator=cast(User, request.user),
                reason=form.cleaned_data["reason"],
            )
        except services.InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Withdrawn. The page now shows the reason."))
            return redirect(resource)
    return render(
        request,
        "library/withdraw.html",
        {
            "resource": resource,
            "form": form,
            "breadcrumbs": [
                _library_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("Withdraw"), ""),
            ],
        },
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _require_curator(request)
    return render(
        request,
        "library/report_list.html",
        {
            "reports": list(queries.open_reports()),
            "form": ResolveReportForm(),
            "breadcrumbs": [
                _library_crumb(),
                (_("Moderation"), reverse("library:moderation")),
                (_("Reports"), ""),
            ],
        },
    )


@login_required
@require_POST
def resolve_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require_curator(request)
    report_obj = get_object_or_404(Report, pk=pk)
    form = ResolveReportForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_report(
                report=report_obj,
                curator=request.user,  # type: ignore[arg-type]
                resolution=form.cleaned_data["resolution"],
            )
        except services.InvalidTransition as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Report resolved."))
    else:
        messages.error(request, _("Say what was done to resolve the report."))
    return redirect("library:reports")


# Collections --------------------------------------------------------------------


def collection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/collection_list.html",
        {
            "collections": list(queries.collections_for_listing()),
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [_library_crumb(), (_("Collections"), "")],
        },
    )


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection = get_object_or_404(Collection, slug=slug)
    if not collection.is_published and not permissions.can_moderate(request.user):
        raise Http404
    visible = queries.visible_resources(request.user).filter(
        state=Resource.State.PUBLISHED
    )
    items = list(
        CollectionItem.objects.filter(collection=collection, resource__in=visible)
        .select_related("resource")
        .prefetch_related("resource__creators")
        .order_by("position")
    )
    return render(
        request,
        "library/collection_detail.html",
        {
            "collection": collection,
            "items": items,
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [
                _library_crumb(),
                (_("Collections"), reverse("library:collections")),
                (collection.title, ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    _require_curator(request)
    collection = get_object_or_404(Collection, slug=slug) if slug else None
    initial = {}
    if collection is not None:
        initial = {
            "title": collection.title,
            "introduction": collection.introduction,
            "resources": "\n".join(
                str(item.resource.uuid)
                for item in collection.items.select_related("resource")
            ),
        }
    form = CollectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.save_collection(
                curator=request.user,  # type: ignore[arg-type]
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                resources=form.cleaned_data["resources"],
                collection=collection,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Collection saved."))
            return redirect(collection)
    return render(
        request,
        "library/collection_form.html",
        {
            "form": form,
            "collection": collection,
            "breadcrumbs": [
                _library_crumb(),
                (_("Collections"), reverse("library:collections")),
                (collection.title if collection else _("New collection"), ""),
            ],
        },
    )
