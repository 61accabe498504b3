"""Applying, and the organisers' pages: the form's questions and preview,
the selection table, drafted decisions and their e-mails."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.cities.countries import country_name
from ecoc_hub.cities.models import Title
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import notifications, permissions, services, timetable
from ..enums import DraftDecision, QuestionKind
from ..forms import (
    SORTS,
    ApplicationForm,
    DraftForm,
    EmailTemplateForm,
    FollowUpForm,
    QuestionFormSet,
    SelectionFilterForm,
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


def _filtered(event: Event, form: SelectionFilterForm) -> QuerySet[Application]:
    rows = event.applications.select_related("title__city", "applicant")
    data = form.cleaned_data if form.is_valid() else {}
    if state := data.get("state"):
        rows = rows.filter(state=state)
    if role := data.get("role"):
        rows = rows.filter(role=role)
    if title := data.get("title"):
        rows = rows.filter(title_id=title)
    if country := data.get("country"):
        rows = rows.filter(country=country)
    question_id = data.get("question")
    answer = (data.get("answer") or "").strip()
    if question_id and answer:
        question = event.questions.filter(pk=question_id).first()
        if question is not None and question.kind == QuestionKind.YES_NO:
            yes = answer.casefold() in {"yes", "oui", "ja", str(_("Yes")).casefold()}
            rows = rows.filter(answers__question=question, answers__value=yes)
        elif question is not None:
            rows = rows.filter(
                answers__question=question, answers__value__icontains=answer
            )
    sort = SORTS.get(data.get("sort") or "submitted", SORTS["submitted"])
    # Only the answers of the question shown in the table: with 40 questions,
    # loading every answer of every row would be 40 times the work.
    shown = (
        Answer.objects.filter(question_id=question_id)
        if question_id
        else Answer.objects.none()
    )
    return rows.order_by(*sort).prefetch_related(
        Prefetch("answers", queryset=shown.select_related("question"))
    )


#: Rows per page of the selection table; "every application matching the
#: filters" reaches the others in one bulk action.
SELECTION_PAGE_SIZE = 100


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    question_list = list(event.questions.all())
    codes = (
        event.applications.exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    countries = sorted(((c, country_name(c, c)) for c in codes), key=lambda c: c[1])
    titles = sorted(
        (
            (str(t.pk), str(t))
            for t in Title.objects.filter(
                pk__in=event.applications.values("title_id")
            ).select_related("city")
        ),
        key=lambda t: t[1],
    )
    filters = SelectionFilterForm(
        request.GET or None, questions=question_list, titles=titles, countries=countries
    )
    draft = DraftForm(
        request.POST if request.method == "POST" else None,
        ids=list(event.applications.values_list("pk", flat=True))
        if request.method == "POST"
        else [],
    )
    if request.method == "POST" and draft.is_valid():
        if draft.cleaned_data["scope"] == DraftForm.ALL_MATCHING:
            chosen = _filtered(event, filters).prefetch_related(None)
        else:
            chosen = event.applications.filter(pk__in=draft.cleaned_data["selected"])
        decision = draft.cleaned_data["decision"]
        count = services.draft_decisions(
            applications=chosen,
            decision="" if decision == "clear" else decision,
            actor=request.user,
        )
        messages.success(
            request,
            ngettext(
                "%(count)s drafted decision changed. Nothing is sent yet.",
                "%(count)s drafted decisions changed. Nothing is sent yet.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())
    shown_question = None
    if filters.is_valid() and filters.cleaned_data.get("question"):
        shown_question = next(
            (q for q in question_list if str(q.pk) == filters.cleaned_data["question"]),
            None,
        )
    page = Paginator(_filtered(event, filters), SELECTION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    table = []
    for row in page.object_list:
        answer = None
        if shown_question is not None:
            answer = next(
                (a for a in row.answers.all() if a.question_id == shown_question.pk),
                None,
            )
        table.append({"application": row, "answer": answer})
    query = request.GET.copy()
    query.pop("page", None)
    counts = services.state_counts(event)
    return render(
        request,
        "events/selection.html",
        {
            "event": event,
            "filters": filters,
            "draft": draft,
            "table": table,
            "page": page,
            "query": query.urlencode(),
            "shown_question": shown_question,
            "counts": counts,
            "drafted": event.applications.exclude(draft_decision="").count(),
            "breadcrumbs": _crumbs(event, (_("Selection"), "")),
        },
    )


def _previews(event: Event) -> list[dict[str, Any]]:
    """One rendered e-mail per (decision, language) among the drafts."""
    seen: dict[tuple[str, str], Application] = {}
    drafted = event.applications.exclude(draft_decision="").select_related("event")
    for application in drafted:
        kind: str = {
            DraftDecision.ACCEPT: MessageKind.ACCEPTED,
            DraftDecision.WAITLIST: MessageKind.WAITLISTED,
            DraftDecision.REJECT: MessageKind.REJECTED,
        }[DraftDecision(application.draft_decision)]
        seen.setdefault((kind, application.language), application)
    previews = []
    for (message_kind, language), application in sorted(seen.items()):
        message = notifications.render_message(application, message_kind)
        count = drafted.filter(
            draft_decision=application.draft_decision, language=language
        ).count()
        previews.append(
            {
                "kind": MessageKind(message_kind).label,
                "language": dict(settings.LANGUAGES).get(language, language),
                "lang": language,
                "count": count,
                "message": message,
                "example": application,
            }
        )
    return previews


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    if request.method == "POST":
        result = services.send_decisions(event=event, actor=request.user)
        messages.success(
            request,
            _("%(count)s decisions sent, each with its e-mail.")
            % {"count": len(result.sent)},
        )
        for application, reason in result.failed:
            messages.error(
                request,
                _("Not sent to %(name)s: %(reason)s")
                % {"name": application.name, "reason": reason},
            )
        return redirect("events:selection", slug=event.slug)
    return render(
        request,
        "events/send.html",
        {
            "event": event,
            "previews": _previews(event),
            "breadcrumbs": _crumbs(
                event,
                (_("Selection"), reverse("events:selection", args=[event.slug])),
                (_("Send decisions"), ""),
            ),
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
