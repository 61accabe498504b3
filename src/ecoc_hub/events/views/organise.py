"""Applying, and the organisers' pages: the form's questions and preview,
the e-mail wording, decisions on one application and follow-up forms (the
selection table and sending the drafted decisions: ``selection.py``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import notifications, permissions, services, timetable
from ..forms import (
    ApplicationForm,
    EmailTemplateForm,
    FollowUpForm,
    QuestionFormSet,
)
from ..models import (
    Answer,
    Application,
    EmailTemplate,
    Event,
    FollowUp,
    MessageKind,
)


def _event(request: HttpRequest, slug: str, *, manage: bool = False) -> Event:
    return get_for_user(
        Event.objects.select_related("host_title__city"),
        request.user,
        can_see=permissions.can_see_event,
        can_do=permissions.can_manage_event if manage else None,
        slug=slug,
    )


def _crumbs(event: Event, *rest: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Academy"), reverse("events:list")),
        (event.title, event.get_absolute_url()),
        *rest,
    ]


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    existing = event.applications.filter(applicant=request.user).first()
    if existing is not None:
        return redirect(existing.get_absolute_url())
    if not permissions.can_apply(request.user, event):
        raise ActionRefused
    user = request.user
    initial = {
        "name": user.display_name,
        "organisation": user.organisation_name,
        "languages": user.languages,
    }
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        event=event,
        initial=initial,
        session=request.session,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.create_application(
                event=event,
                applicant=user,
                name=data["name"],
                title=data["title"],
                organisation=data["organisation"],
                role=data["role"],
                languages=data["languages"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
                answers=form.answers(),
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            form.release_uploads()
            messages.success(request, _("Your application is sent."))
            return redirect(application.get_absolute_url())
    return render(
        request,
        "events/apply.html",
        {
            "event": event,
            "form": form,
            "preview": False,
            "breadcrumbs": _crumbs(event, (_("Apply"), "")),
        },
    )


@login_required
def form_preview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    return render(
        request,
        "events/apply.html",
        {
            "event": event,
            "form": ApplicationForm(event=event),
            "preview": True,
            "breadcrumbs": _crumbs(event, (_("Preview of the form"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    formset = QuestionFormSet(request.POST or None, instance=event, prefix="q")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The application form is saved."))
        return redirect("events:questions", slug=event.slug)
    return render(
        request,
        "events/questions.html",
        {
            "event": event,
            "formset": formset,
            "breadcrumbs": _crumbs(event, (_("Application form"), "")),
        },
    )


@login_required
def emails(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    own = {(t.kind, t.language) for t in event.email_templates.all()}
    grid = [
        {
            "kind": label,
            "cells": [
                {
                    "language": name,
                    "custom": (kind, code) in own,
                    "url": reverse("events:email", args=[event.slug, kind, code]),
                }
                for code, name in settings.LANGUAGES
            ],
        }
        for kind, label in MessageKind.choices
    ]
    return render(
        request,
        "events/emails.html",
        {
            "event": event,
            "grid": grid,
            "languages": [name for _code, name in settings.LANGUAGES],
            "breadcrumbs": _crumbs(event, (_("E-mails"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def email(
    request: AuthenticatedHttpRequest, slug: str, kind: str, language: str
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    if kind not in MessageKind.values or language not in dict(settings.LANGUAGES):
        raise Http404
    template = EmailTemplate.objects.filter(
        event=event, kind=kind, language=language
    ).first() or EmailTemplate(event=event, kind=kind, language=language)
    if request.method == "POST" and "reset" in request.POST:
        if template.pk:
            template.delete()
        messages.success(request, _("This e-mail uses the site's wording again."))
        return redirect("events:emails", slug=event.slug)
    form = EmailTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The e-mail is saved."))
        return redirect("events:email", slug=event.slug, kind=kind, language=language)
    sample = Application(
        event=event,
        name=_("Alex Example"),
        language=language,
        offer_expires_at=event.starts_at,
    )
    preview = notifications.render_message(sample, kind, language=language)
    return render(
        request,
        "events/email_form.html",
        {
            "event": event,
            "form": form,
            "kind": MessageKind(kind).label,
            "language": dict(settings.LANGUAGES)[language],
            "lang": language,
            "preview": preview,
            "custom": template.pk is not None,
            "breadcrumbs": _crumbs(
                event,
                (_("E-mails"), reverse("events:emails", args=[event.slug])),
                (str(MessageKind(kind).label), ""),
            ),
        },
    )


@login_required
def answer_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    answer = get_for_user(
        Answer.objects.select_related("application__event"),
        request.user,
        can_see=lambda user, a: permissions.can_see_application(user, a.application),
        can_do=lambda user, a: permissions.can_decide(user, a.application),
        pk=pk,
    )
    if not answer.file:
        raise Http404
    return FileResponse(
        default_storage.open(str(answer.file.name), "rb"),
        as_attachment=True,
        filename=answer.file_name or "answer",
    )


@login_required
@require_POST
def decide(
    request: AuthenticatedHttpRequest, uuid: object, action: str
) -> HttpResponse:
    """One decision from the application's page, taken and sent at once."""
    application = get_for_user(
        Application.objects.select_related("event"),
        request.user,
        can_see=permissions.can_see_application,
        can_do=permissions.can_decide,
        uuid=uuid,
    )
    if action not in {"accept", "waitlist", "reject", "offer"}:
        raise Http404
    try:
        if action == "offer":
            services.offer_place(application=application, actor=request.user)
        else:
            services.decide_and_send(
                application=application, action=action, actor=request.user
            )
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done; the applicant gets an e-mail."))
    return redirect(application.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: AuthenticatedHttpRequest, uuid: object) -> HttpResponse:
    application = get_for_user(
        Application.objects.select_related("event"),
        request.user,
        can_see=permissions.can_see_application,
        can_do=permissions.can_fill_follow_up,
        uuid=uuid,
    )
    instance = FollowUp.objects.filter(application=application).first()
    form = FollowUpForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_follow_up(
            application=application,
            user=request.user,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(request, _("Thank you: the organisers have your answers."))
        return redirect(application.get_absolute_url())
    event = application.event
    return render(
        request,
        "events/follow_up.html",
        {
            "event": event,
            "application": application,
            "form": form,
            "deadline": timetable.local(event.follow_up_deadline, event.zone)
            if event.follow_up_deadline
            else None,
            "breadcrumbs": _crumbs(
                event,
                (_("Application"), application.get_absolute_url()),
                (_("Before the event"), ""),
            ),
        },
    )
