from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user
from ecoc_hub.library import permissions
from ecoc_hub.library.landing import (
    LINKSET_JSON,
    is_public_landing,
    linkset,
    record_for,
)
from ecoc_hub.library.librarysearch import matching_resources
from ecoc_hub.library.metadata import SEARCH_EXPORT_LIMIT, absolute, build_record
from ecoc_hub.library.models import Resource
from ecoc_hub.search.params import FACETS, SearchParams

from . import exports, services
from .forms import TokenForm
from .models import ApiToken


def _get_resource_for_user(request: HttpRequest, uuid: Any) -> Resource:
    return get_for_user(
        Resource,
        request.user,
        can_see=permissions.can_see_live_resource,
        can_do=permissions.can_view_resource,
        uuid=uuid,
    )


def _download(body: bytes, fmt: exports.ExportFormat, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=fmt.media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def resource_export(request: HttpRequest, uuid: Any, fmt: str) -> HttpResponse:
    if fmt not in exports.RESOURCE_FORMATS:
        raise Http404
    resource = _get_resource_for_user(request, uuid)
    record = record_for(resource)
    export = exports.FORMATS[fmt]
    return _download(
        export.render([record]), export, f"{resource.slug or resource.uuid}.{fmt}"
    )


@require_safe
def search_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    params = SearchParams.from_query(request.GET, facets=FACETS)
    resources = matching_resources(params, user=request.user, limit=SEARCH_EXPORT_LIMIT)
    export = exports.FORMATS[fmt]
    records = [build_record(resource) for resource in resources]
    return _download(
        export.render(records), export, f"library-search.{export.extension}"
    )


def _has_public_landing(user: Any, resource: Resource) -> bool:
    # The linkset describes the public landing page, the same for everyone.
    return is_public_landing(resource)


@require_safe
def linkset_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    resource = get_for_user(
        Resource, request.user, can_see=_has_public_landing, uuid=uuid
    )
    body = json.dumps(linkset(record_for(resource)), indent=2)
    return HttpResponse(body, content_type=LINKSET_JSON)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /me/",
        "Disallow: /library/contribute/",
        "Disallow: /library/moderation/",
        "Disallow: /library/mine/",
        "Disallow: /api/v1/",
        "Allow: /",
        "",
        f"Sitemap: {absolute(reverse('api:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Personal API tokens --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    new_secret = ""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_token(user=user, name=form.cleaned_data["name"])
        except services.TokenLimitReached:
            form.add_error(
                None,
                _("You have %(count)s active tokens; revoke one first.")
                % {"count": services.MAX_ACTIVE_TOKENS},
            )
        else:
            new_secret = created.secret
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": list(ApiToken.objects.filter(user=user)),
            "breadcrumbs": [
                (_("My hub"), reverse("accounts:dashboard")),
                (_("API tokens"), ""),
            ],
        },
    )
    # The secret is on this page once; keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_token(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(token=token)
    messages.success(
        request, _("The token “%(name)s” is revoked.") % {"name": token.name}
    )
    return redirect("api:tokens")
