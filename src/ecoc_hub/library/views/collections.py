from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires

from .. import permissions, queries, services
from ..forms import CollectionForm
from ..models import Collection, CollectionItem, Resource
from .base import library_crumb


def _collections_crumb() -> tuple[str, str]:
    return (_("Collections"), reverse("library:collections"))


def collection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/collection_list.html",
        {
            "collections": list(queries.collections_for_listing()),
            "can_moderate": permissions.can_moderate(request.user),
            "breadcrumbs": [library_crumb(), (_("Collections"), "")],
        },
    )


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection = get_for_user(
        Collection,
        request.user,
        can_see=permissions.can_view_collection,
        slug=slug,
    )
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
                library_crumb(),
                _collections_crumb(),
                (collection.title, ""),
            ],
        },
    )


@requires(permissions.can_moderate)
@require_http_methods(["GET", "POST"])
def collection_edit(
    request: AuthenticatedHttpRequest, slug: str | None = None
) -> HttpResponse:
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
                curator=request.user,
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
                library_crumb(),
                _collections_crumb(),
                (collection.title if collection else _("New collection"), ""),
            ],
        },
    )
