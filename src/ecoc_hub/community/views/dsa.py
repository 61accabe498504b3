"""The DSA flow's pages: reporting a post (Article 16), deciding a notice,
the statement of reasons (Article 17) and its appeal (Article 20), and the
public transparency page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import User
from ecoc_hub.accounts.permissions import is_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, get_for_user, requires
from ecoc_hub.core.workflow import TransitionError

from .. import moderation, permissions, transparency
from ..forms import AppealDecisionForm, AppealForm, NoticeDecisionForm, NoticeForm
from ..models import Appeal, Notice, Statement
from ..workflow import APPEAL_STATE
from .discussions import crumbs, get_post


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post(request, pk, permissions.can_report_post)
    signed_in = is_member(request.user)
    form = NoticeForm(request.POST or None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moderation.report_post(
            post=post,
            reporter=request.user if isinstance(request.user, User) else None,
            reason=data["reason"],
            explanation=data["explanation"],
            reporter_email=data.get("email", ""),
        )
        messages.success(
            request,
            _(
                "Thank you: the moderators will look at your report and tell you "
                "what they decide."
            ),
        )
        return redirect(post)
    thread = post.thread
    return render(
        request,
        "community/report.html",
        {
            "form": form,
            "post": post,
            "breadcrumbs": crumbs(
                (thread.title, thread.get_absolute_url()), (_("Report a post"), "")
            ),
        },
    )


@requires(is_member)
@require_http_methods(["GET", "POST"])
def notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notice = get_for_user(
        Notice.objects.select_related(
            "post__thread__space", "post__author", "reporter"
        ),
        request.user,
        can_see=permissions.can_see_notice,
        pk=pk,
    )
    form = NoticeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moderation.decide_notice(
                notice=notice,
                moderator=request.user,
                hide=data["decision"] == "hide",
                ground=data["ground"],
                explanation=data["comment"],
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("The notice is decided."))
            return redirect("community:queue")
    return render(
        request,
        "community/notice.html",
        {
            "notice": notice,
            "form": form,
            "history": list(notice.events.select_related("actor")),
            "breadcrumbs": crumbs(
                (_("Moderation"), reverse("community:queue")), (_("Notice"), "")
            ),
        },
    )


def _get_statement(request: HttpRequest, pk: int) -> Statement:
    return get_for_user(
        Statement.objects.select_related(
            "post__thread__space", "post__author", "event__actor", "notice"
        ),
        request.user,
        can_see=permissions.can_see_statement,
        pk=pk,
    )


def _statement_page(
    request: HttpRequest,
    statement: Statement,
    appeal_form: AppealForm | None = None,
    decision_form: AppealDecisionForm | None = None,
) -> HttpResponse:
    appeal = Appeal.objects.filter(statement=statement).first()
    can_decide = appeal is not None and any(
        APPEAL_STATE.can(request.user, appeal, action)
        for action in ("reverse", "confirm")
    )
    return render(
        request,
        "community/statement.html",
        {
            "statement": statement,
            "appeal": appeal,
            "can_appeal": permissions.can_appeal(request.user, statement),
            "appeal_form": appeal_form or AppealForm(),
            "decision_form": (decision_form or AppealDecisionForm())
            if can_decide
            else None,
            "breadcrumbs": crumbs((_("Statement of reasons"), "")),
        },
        status=400 if (appeal_form or decision_form) else 200,
    )


@requires(is_member)
def statement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _statement_page(request, _get_statement(request, pk))


@requires(is_member)
@require_POST
def appeal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    statement = _get_statement(request, pk)
    if not permissions.can_appeal(request.user, statement):
        raise ActionRefused
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _statement_page(request, statement, appeal_form=form)
    moderation.appeal(statement=statement, text=form.cleaned_data["text"])
    messages.success(
        request,
        _(
            "Your appeal is sent: a curator who did not take the decision will "
            "look at it."
        ),
    )
    return redirect(statement)


@requires(is_member)
@require_POST
def appeal_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    appeal = get_for_user(
        Appeal.objects.select_related(
            "statement__post__thread__space", "statement__event"
        ),
        request.user,
        can_see=lambda user, a: permissions.can_see_statement(user, a.statement),
        can_do=permissions.can_decide_appeal,
        pk=pk,
    )
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            moderation.decide_appeal(
                appeal=appeal,
                curator=request.user,
                reverse_decision=form.cleaned_data["decision"] == "reverse",
                comment=form.cleaned_data["comment"],
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("The appeal is decided."))
            return redirect(appeal.statement)
    return _statement_page(request, appeal.statement, decision_form=form)


def transparency_page(request: HttpRequest) -> HttpResponse:
    this_year = timezone.now().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2020), this_year)
    return render(
        request,
        "community/transparency.html",
        {
            "year": year,
            "years": list(range(this_year, 2025, -1)),
            "periods": transparency.periods(year=year),
            "breadcrumbs": crumbs((_("Transparency"), "")),
        },
    )
