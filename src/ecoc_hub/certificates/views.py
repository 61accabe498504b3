"""Public verification, downloads, the issuer's keys, revocation and re-issue."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user
from ecoc_hub.core.workflow import TransitionError

from . import permissions
from .credential import issuer_profile, status_list_credential
from .forms import ReissueForm, RevokeForm, VerifyForm
from .keys import InvalidSignature, jwks, verify_jwt
from .models import Certificate, Status
from .pdf import certificate_pdf
from .services import normalise_code, reissue, revoke
from .sources import source_for

JSON_LD = "application/ld+json"


def _certificates() -> Any:
    return Certificate.objects.select_related(
        "source_type", "replaced_by", "replaces", "recipient"
    )


def _get_downloadable(request: HttpRequest, code: str) -> Certificate:
    return get_for_user(
        _certificates(),
        request.user,
        can_see=permissions.can_see_certificate,
        can_do=permissions.can_download_certificate,
        code=normalise_code(code),
    )


def _get_manageable(request: HttpRequest, code: str) -> Certificate:
    return get_for_user(
        _certificates(),
        request.user,
        can_see=permissions.can_see_certificate,
        can_do=permissions.can_manage_certificate,
        code=normalise_code(code),
    )


def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_form.html", {"form": form})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    normalised = normalise_code(code)
    if normalised != code:
        return redirect("certificates:verify", code=normalised)
    certificate = _certificates().filter(code=normalised).first()
    if certificate is None:
        response = render(
            request,
            "certificates/verify.html",
            {"certificate": None, "code": code, "form": VerifyForm()},
            status=404,
        )
        return response
    try:
        verify_jwt(certificate.credential_jwt)
        signature_ok = True
    except InvalidSignature:
        signature_ok = False
    source = certificate.source
    registered = source_for(source) if source is not None else None
    context = {
        "certificate": certificate,
        "signature_ok": signature_ok,
        "source_link": registered.link(source) if registered else None,
        "replaced_by": getattr(certificate, "replaced_by", None),
        "can_download": permissions.can_download_certificate(request.user, certificate),
        "can_manage": permissions.can_manage_certificate(request.user, certificate),
    }
    return render(request, "certificates/verify.html", context)


@login_required
def download_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_downloadable(request, code)
    response = HttpResponse(
        certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.display_code}.pdf"'
    )
    return response


@login_required
def download_jwt(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_downloadable(request, code)
    response = HttpResponse(
        certificate.credential_jwt, content_type="application/vc+jwt"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{certificate.display_code}.jwt"'
    )
    return response


@login_required
def download_json(request: HttpRequest, code: str) -> HttpResponse:
    """The credential as JSON, with the VC-JWT that secures it beside it."""
    certificate = _get_downloadable(request, code)
    credential = verify_jwt(certificate.credential_jwt)
    for claim in ("iss", "jti", "nbf", "iat"):
        credential.pop(claim, None)
    body = {"credential": credential, "jwt": certificate.credential_jwt}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{certificate.display_code}.json"'
    )
    return response


@cache_control(public=True, max_age=3600)
def issuer(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        issuer_profile(),
        content_type=JSON_LD,
        json_dumps_params={"ensure_ascii": False},
    )


@cache_control(public=True, max_age=3600)
def jwks_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(jwks(), content_type="application/jwk-set+json")


@cache_control(public=True, max_age=60)
def status_list(request: HttpRequest) -> HttpResponse:
    revoked = Certificate.objects.filter(status=Status.REVOKED).values_list(
        "status_index", flat=True
    )
    return HttpResponse(
        status_list_credential(revoked), content_type="application/vc+jwt"
    )


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    certificates = _certificates().filter(recipient=request.user)
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
def manage(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_manageable(request, code)
    return _manage_page(request, certificate, RevokeForm(), _reissue_form(certificate))


def _reissue_form(certificate: Certificate, data: Any = None) -> ReissueForm:
    return ReissueForm(data, initial={"recipient_name": certificate.recipient_name})


def _manage_page(
    request: HttpRequest,
    certificate: Certificate,
    revoke_form: RevokeForm,
    reissue_form: ReissueForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "certificate": certificate,
        "revoke_form": revoke_form,
        "reissue_form": reissue_form,
        "history": certificate.history.select_related("actor"),
    }
    return render(request, "certificates/manage.html", context, status=status)


@login_required
@require_POST
def revoke_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    certificate = _get_manageable(request, code)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            revoke(
                certificate=certificate,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionError as error:
            error.add_to_form(form, fields={"comment": "reason"})
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("certificates:manage", code=certificate.code)
    return _manage_page(
        request, certificate, form, _reissue_form(certificate), status=400
    )


@login_required
@require_POST
def reissue_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    certificate = _get_manageable(request, code)
    form = _reissue_form(certificate, request.POST)
    if form.is_valid():
        try:
            new = reissue(
                certificate=certificate,
                actor=request.user,
                recipient_name=form.cleaned_data["recipient_name"],
                comment=form.cleaned_data["comment"],
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request, _("The certificate is re-issued with a new code.")
            )
            return redirect("certificates:manage", code=new.code)
    return _manage_page(request, certificate, RevokeForm(), form, status=400)
