"""The survey's pages: answering it, and the organisers' survey, question
and summary pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, get_for_user
from ecoc_hub.core.workflow import TransitionError, transition

from .. import permissions
from ..models import Event
from . import services
from .forms import QuestionForm, SurveyForm, SurveySettingsForm
from .models import Survey, SurveyQuestion, SurveyState
from .permissions import invitation_for
from .summary import MIN_ANSWERS, build_summary, summary_csv
from .workflow import SURVEY


def _event(request: HttpRequest, slug: str, *, manage: bool = False) -> Event:
    return get_for_user(
        Event,
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


def _organise_crumbs(event: Event, *rest: tuple[str, str]) -> list[tuple[str, str]]:
    return _crumbs(
        event,
        (_("Organise"), reverse("events:organise", args=[event.slug])),
        *rest,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    survey = Survey.objects.filter(event=event).first()
    invitation = invitation_for(request.user, survey) if survey else None
    if survey is None or invitation is None:
        raise ActionRefused
    questions = list(survey.questions.select_related("session"))
    questions.sort(key=lambda q: (q.session is not None, q.session_id or 0, q.position))
    form = SurveyForm(request.POST or None, questions=questions)
    is_open = survey.state == SurveyState.OPEN and not invitation.answered
    if request.method == "POST" and is_open and form.is_valid():
        try:
            services.submit_response(
                survey=survey, user=request.user, answers=form.answers()
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
        return redirect("feedback:answer", slug=event.slug)
    return render(
        request,
        "events/feedback/answer.html",
        {
            "event": event,
            "survey": survey,
            "invitation": invitation,
            "form": form,
            "is_open": is_open,
            "breadcrumbs": _crumbs(event, (_("Feedback"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    survey = services.survey_for(event)
    form = SurveySettingsForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The survey's settings are saved."))
        return redirect("feedback:manage", slug=event.slug)
    invitations = survey.invitations
    return render(
        request,
        "events/feedback/manage.html",
        {
            "event": event,
            "survey": survey,
            "form": form,
            "questions": survey.questions.select_related("session"),
            "editable": survey.state == SurveyState.DRAFT,
            "actions": SURVEY.available(request.user, survey),
            "history": survey.history.select_related("actor")[:10],
            "invited": invitations.count(),
            "answered": invitations.filter(answered=True).count(),
            "ended": event.is_past(),
            "breadcrumbs": _organise_crumbs(event, (_("Feedback survey"), "")),
        },
    )


@login_required
@require_POST
def change_state(
    request: AuthenticatedHttpRequest, slug: str, action: str
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    if action not in SURVEY.table:
        raise Http404
    survey = services.survey_for(event)
    try:
        transition(survey, action, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The survey is now: %(state)s.") % {"state": survey.get_state_display()},
        )
    return redirect("feedback:manage", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def question(
    request: AuthenticatedHttpRequest, slug: str, pk: int | None = None
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    survey = services.survey_for(event)
    instance = (
        get_object_or_404(SurveyQuestion, survey=survey, pk=pk)
        if pk is not None
        else SurveyQuestion(survey=survey, position=survey.questions.count() + 1)
    )
    form = QuestionForm(request.POST or None, instance=instance, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(
                survey=survey,
                question=instance if pk is not None else None,
                **form.changes(),
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("feedback:manage", slug=event.slug)
    title = _("Edit the question") if pk is not None else _("Add a question")
    return render(
        request,
        "events/feedback/question_form.html",
        {
            "event": event,
            "form": form,
            "title": title,
            "editable": survey.state == SurveyState.DRAFT,
            "breadcrumbs": _organise_crumbs(
                event,
                (_("Feedback survey"), reverse("feedback:manage", args=[event.slug])),
                (title, ""),
            ),
        },
    )


@login_required
@require_POST
def question_delete(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    question = get_object_or_404(SurveyQuestion, survey__event=event, pk=pk)
    try:
        services.delete_question(question=question)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question is deleted."))
    return redirect("feedback:manage", slug=event.slug)


@login_required
def summary(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    data = build_summary(services.survey_for(event))
    return render(
        request,
        "events/feedback/summary.html",
        {
            "event": event,
            "data": data,
            "min_answers": MIN_ANSWERS,
            "breadcrumbs": _organise_crumbs(
                event,
                (_("Feedback survey"), reverse("feedback:manage", args=[event.slug])),
                (_("Summary"), ""),
            ),
        },
    )


@login_required
def summary_download(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    text = summary_csv(build_summary(services.survey_for(event)))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-{event.slug}.csv"'
    )
    return response
