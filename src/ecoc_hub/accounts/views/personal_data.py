"""Privacy settings, the export of one's data, deleting the account."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest

from .. import queries, services
from ..forms import ConsentForm, DeleteAccountForm
from ..privacy import (
    contributions_policy,
    export_user_data,
    personal_files,
    stream_files_zip,
)
from .common import _dashboard_crumb


@login_required
@require_http_methods(["GET", "POST"])
def privacy(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    current = queries.current_consents(user)
    form = ConsentForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.record_consents(user=user, choices=form.choices())
        messages.success(request, _("Your e-mail preferences were saved."))
        return redirect("accounts:privacy")
    history = user.consents.all()[:50]
    return render(
        request,
        "accounts/privacy.html",
        {
            "form": form,
            "history": history,
            "file_count": len(personal_files(user)),
            "breadcrumbs": [_dashboard_crumb(), (_("Privacy"), "")],
        },
    )


@never_cache
@login_required
@require_GET
def privacy_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    data = export_user_data(user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"ecoc-hub-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def privacy_export_files(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The files the person supplied, as a ZIP streamed as it is written."""
    user = request.user
    response = StreamingHttpResponse(
        stream_files_zip(personal_files(user)), content_type="application/zip"
    )
    filename = f"ecoc-hub-my-files-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    policy = contributions_policy()
    form = DeleteAccountForm(request.POST or None, user=user, policy=policy)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=user, contributions=form.contributions_choice())
        logout(request)
        messages.success(request, _("Your account was deleted. Goodbye."))
        return redirect("home")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "form": form,
            "policy": policy.label if policy is not None else "",
            "breadcrumbs": [
                _dashboard_crumb(),
                (_("Privacy"), reverse("accounts:privacy")),
                (_("Delete my account"), ""),
            ],
        },
    )
