"""Calls, applications and their live eligibility check."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import BaseFormSet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import check_object, get_for_user
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.library.files import UploadRejected, open_blob

from .. import permissions, services
from ..eligibility import Facts, missing_for_submission, rule_summary, unmet_rules
from ..forms import (
    ApplicationForm,
    ExperienceFormSet,
    LanguageFormSet,
    WithdrawForm,
    experience_of,
    languages_of,
)
from ..models import Application, Call, EcocExperience
from ..workflow import APPLICATION


def experts_crumb() -> tuple[str, str]:
    return (_("Calls for experts"), reverse("experts:calls"))


def _application_queryset():
    return Application.objects.select_related(
        "call", "expert", "round"
    ).prefetch_related(
        "capacity_areas",
        Prefetch(
            "ecoc_experience",
            queryset=EcocExperience.objects.select_related("title__city"),
        ),
    )


def call_list(request: HttpRequest) -> HttpResponse:
    calls = Call.objects.filter(is_published=True).prefetch_related(
        "profiles", "rounds"
    )
    return render(
        request,
        "experts/call_list.html",
        {
            "calls": calls,
            "can_review": permissions.can_review(request.user),
            "breadcrumbs": [(_("Calls for experts"), "")],
        },
    )


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_for_user(
        Call.objects.prefetch_related("profiles", "rounds"),
        request.user,
        can_see=permissions.can_see_call,
        slug=slug,
    )
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(call=call, expert__user=request.user).first()
    return render(
        request,
        "experts/call_detail.html",
        {
            "call": call,
            "mine": mine,
            "can_apply": permissions.can_apply(request.user, call),
            "rules": rule_summary(call),
            "is_manager": permissions.is_call_manager(request.user, call),
            "breadcrumbs": [experts_crumb(), (call.title, "")],
        },
    )


@login_required
@require_POST
def apply(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = get_for_user(
        Call,
        request.user,
        can_see=permissions.can_see_call,
        can_do=permissions.can_apply,
        slug=slug,
    )
    application = services.start_application(user=request.user, call=call)
    if application.state != Application.State.DRAFT:
        return redirect(application)
    return redirect("experts:application_edit", application.uuid)


def _formsets(
    request: HttpRequest, application: Application
) -> tuple[BaseFormSet, BaseFormSet]:
    data = request.POST if request.method == "POST" else None
    languages = LanguageFormSet(
        data,
        prefix="lang",
        initial=[
            {"language": i["code"], "level": i["level"]} for i in application.languages
        ],
    )
    experience = ExperienceFormSet(
        data,
        prefix="ecoc",
        initial=[
            {"title": row.title, "role": row.role, "years": row.years}
            for row in application.ecoc_experience.all()
        ],
    )
    return languages, experience


def _load_own_draft(request: AuthenticatedHttpRequest, uuid: UUID) -> Application:
    return get_for_user(
        _application_queryset(),
        request.user,
        can_see=permissions.can_see_application,
        can_do=permissions.can_edit_application,
        uuid=uuid,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    application = _load_own_draft(request, uuid)
    call = application.call
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        call=call,
        application=application,
        session=request.session,
    )
    languages, experience = _formsets(request, application)
    if request.method == "POST":
        valid = form.is_valid() & languages.is_valid() & experience.is_valid()
        if valid and _save(request, form, languages, experience, application):
            form.release_uploads()
            if request.POST.get("action") == "submit":
                try:
                    services.submit(application=application, actor=request.user)
                except TransitionError as error:
                    error.add_to_form(form)
                else:
                    messages.success(request, _("Your application was submitted."))
                    return redirect(application)
            else:
                messages.success(request, _("Draft saved."))
                return redirect("experts:application_edit", application.uuid)
    lang_rows = languages_of(languages) if languages.is_bound else application.languages
    facts = form.facts(lang_rows) if form.is_bound else _saved_facts(application)
    return render(
        request,
        "experts/application_form.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "languages": languages,
            "experience": experience,
            "unmet": unmet_rules(call, facts),
            "missing": missing_for_submission(facts),
            "breadcrumbs": [
                experts_crumb(),
                (call.title, call.get_absolute_url()),
                (_("Your application"), ""),
            ],
        },
    )


def _saved_facts(application: Application) -> Facts:
    return Facts.of(application)


def _save(
    request: AuthenticatedHttpRequest,
    form: ApplicationForm,
    languages: BaseFormSet,
    experience: BaseFormSet,
    application: Application,
) -> bool:
    data = form.cleaned_data
    upload = data.get("cv")
    try:
        services.save_draft(
            application=application,
            full_name=data["full_name"],
            country=data["country"],
            values=form.values(languages_of(languages)),
            capacity_areas=list(data["capacity_areas"]),
            experience=experience_of(experience),
            cv=(upload, upload.name) if upload else None,
        )
    except UploadRejected as error:
        form.add_error("cv", error.message)
        return False
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
        return False
    return True


@login_required
@require_POST
def application_check(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """The live eligibility check: the form as it is now, nothing saved."""
    application = _load_own_draft(request, uuid)
    form = ApplicationForm(request.POST, call=application.call, application=application)
    languages, _experience = _formsets(request, application)
    form.is_valid()
    languages.is_valid()
    facts = form.facts(languages_of(languages))
    response = render(
        request,
        "experts/application_form.html#eligibility",
        {
            "application": application,
            "call": application.call,
            "unmet": unmet_rules(application.call, facts),
            "missing": missing_for_submission(facts),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def application_detail(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    application = get_for_user(
        _application_queryset(),
        request.user,
        can_see=permissions.can_see_application,
        uuid=uuid,
    )
    return render(
        request,
        "experts/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "history": application.events.select_related("actor"),
            "is_applicant": permissions.is_applicant(request.user, application),
            "can_edit": permissions.can_edit_application(request.user, application),
            "can_withdraw": APPLICATION.can(request.user, application, "withdraw")
            and permissions.is_applicant(request.user, application),
            "withdraw_form": WithdrawForm(),
            "breadcrumbs": [
                experts_crumb(),
                (application.call.title, application.call.get_absolute_url()),
                (_("Application"), ""),
            ],
        },
    )


@login_required
@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    application = get_for_user(
        _application_queryset(),
        request.user,
        can_see=permissions.can_see_application,
        can_do=permissions.can_withdraw,
        uuid=uuid,
    )
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw(
                application=application,
                actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application was withdrawn."))
    return redirect(application)


@login_required
def application_cv(request: AuthenticatedHttpRequest, uuid: UUID) -> FileResponse:
    application = get_for_user(
        Application.objects.select_related("call", "expert", "cv"),
        request.user,
        can_see=permissions.can_see_application,
        can_do=permissions.can_download_cv,
        uuid=uuid,
    )
    check_object(request.user, application, can_see=lambda u, a: a.cv_id is not None)
    assert application.cv is not None  # noqa: S101 - checked just above
    response = FileResponse(
        open_blob(application.cv),
        content_type="application/pdf",
        as_attachment=True,
        filename=application.cv_name or "cv.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    applications = Application.objects.filter(expert__user=request.user).select_related(
        "call", "round"
    )
    return render(
        request,
        "experts/my_applications.html",
        {
            "applications": applications,
            "breadcrumbs": [experts_crumb(), (_("My applications"), "")],
        },
    )
