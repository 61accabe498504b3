"""The call manager's pages: applications, panel, assignment, ranking,
decisions and round statistics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.countries import country_name
from ecoc_hub.core.charts import Series, bar_chart, horizontal_bar_chart
from ecoc_hub.core.collation import collation_key, sort_by_name
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user

from .. import permissions, review
from ..enums import Decision, Profile, language_label
from ..models import Application, Call, CallReviewer, EvaluationRound
from ..review_forms import ManualAssignForm
from .apply import experts_crumb


def _managed_call(request: AuthenticatedHttpRequest, slug: str) -> Call:
    return get_for_user(
        Call.objects.prefetch_related("profiles", "rounds"),
        request.user,
        can_see=permissions.can_see_call,
        can_do=permissions.is_call_manager,
        slug=slug,
    )


def _codes_by_name(call: Call) -> list[str]:
    """The call's profiles in the order of their names in the reader's language."""
    labels = dict(Profile.choices)
    return sort_by_name(call.profile_codes(), key=lambda code: labels[code])


def _most_named(
    counted: Counter[str], name: Callable[[str], str]
) -> list[tuple[str, int]]:
    """``Counter.most_common()``, equal counts by their names in the reader's
    language rather than in the order they were met."""
    return sorted(
        counted.items(), key=lambda pair: (-pair[1], collation_key(name(pair[0])))
    )


def _crumbs(call: Call, label: str = "") -> list[tuple[str, str]]:
    crumbs = [
        experts_crumb(),
        (call.title, call.get_absolute_url()),
        (_("Manage"), reverse("experts:manage", args=[call.slug]) if label else ""),
    ]
    if label:
        crumbs.append((label, ""))
    return crumbs


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Reviewer's e-mail address"))
    profiles = forms.MultipleChoiceField(
        label=gettext_lazy("Profiles they review"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Profile.choices)
        field = self.fields["profiles"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = [(code, labels[code]) for code in call.profile_codes()]

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody has an account with this address; ask them to sign up first.")
            )
        return user


@login_required
@require_http_methods(["GET", "POST"])
def call_manage(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    form = ReviewerForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        review.add_reviewer(
            call=call,
            user=form.cleaned_data["email"],
            profiles=form.cleaned_data["profiles"],
        )
        messages.success(request, _("The reviewer was added to the panel."))
        return redirect("experts:manage", call.slug)
    applications = (
        Application.objects.filter(call=call)
        .exclude(state=Application.State.DRAFT)
        .select_related("expert", "round")
        .annotate(
            review_count=Count("reviews", distinct=True),
            done_count=Count(
                "reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("round__number", "pk")
    )
    return render(
        request,
        "experts/manage/call.html",
        {
            "call": call,
            "applications": applications,
            "drafts": Application.objects.filter(
                call=call, state=Application.State.DRAFT
            ).count(),
            "panel": CallReviewer.objects.filter(call=call).select_related("user"),
            "form": form,
            "breadcrumbs": _crumbs(call),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_proposal(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    if request.method == "POST":
        try:
            made = review.confirm_proposal(
                call=call,
                manager=request.user,
                fingerprint=request.POST.get("fingerprint", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("experts:assignment", call.slug)
        messages.success(
            request,
            ngettext(
                "%(count)s assignment was made.",
                "%(count)s assignments were made.",
                made,
            )
            % {"count": made},
        )
        return redirect("experts:manage", call.slug)
    proposal = review.propose_for(call)
    people = User.objects.in_bulk([r for r, _a in proposal.pairs])
    apps = Application.objects.select_related("expert").in_bulk(
        [a for _r, a in proposal.pairs] + list(proposal.unfilled)
    )
    labels = dict(Profile.choices)
    rows = [(apps[a], people[r]) for r, a in proposal.pairs]
    rows.sort(key=lambda row: (collation_key(labels.get(row[0].scope, "")), row[0].pk))
    panel = review.panel_for(call)
    loads = []
    for code in _codes_by_name(call):
        counted = Counter({r: 0 for r, s in panel.reviewers.items() if code in s})
        for r, a in [*panel.existing, *proposal.pairs]:
            if panel.applications.get(a) == code and r in counted:
                counted[r] += 1
        if counted:
            names = User.objects.in_bulk(list(counted))
            loads.append(
                (
                    labels[code],
                    sort_by_name(
                        ((names[r], n) for r, n in counted.items()),
                        key=lambda pair: pair[0].public_name,
                    ),
                )
            )
    return render(
        request,
        "experts/manage/assignment.html",
        {
            "call": call,
            "rows": rows,
            "unfilled": [(apps[a], n) for a, n in sorted(proposal.unfilled.items())],
            "fingerprint": proposal.fingerprint(),
            "loads": loads,
            "manual_form": ManualAssignForm(call=call),
            "breadcrumbs": _crumbs(call, _("Assignment")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ranking_view(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    if request.method == "POST":
        application = get_for_user(
            Application.objects.select_related("call"),
            request.user,
            can_see=permissions.can_see_application,
            can_do=permissions.can_decide,
            uuid=request.POST.get("application"),
            call=call,
        )
        try:
            review.draft_decision(
                application=application, decision=request.POST.get("decision", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision drafted."))
        return redirect(reverse("experts:ranking", args=[call.slug]))
    labels = dict(Profile.choices)
    tables = [
        (labels[code], review.ranking(call, code)) for code in _codes_by_name(call)
    ]
    return render(
        request,
        "experts/manage/ranking.html",
        {
            "call": call,
            "tables": [(label, rows) for label, rows in tables if rows],
            "decisions": Decision.choices,
            "breadcrumbs": _crumbs(call, _("Ranking")),
        },
    )


@login_required
@require_POST
def decisions_send(
    request: AuthenticatedHttpRequest, slug: str, number: int
) -> HttpResponse:
    call = _managed_call(request, slug)
    round_ = get_for_user(
        EvaluationRound,
        request.user,
        can_see=lambda user, obj: True,
        call=call,
        number=number,
    )
    try:
        sent = review.send_decisions(round=round_, manager=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s decision was sent.", "%(count)s decisions were sent.", sent
            )
            % {"count": sent},
        )
    return redirect("experts:manage", call.slug)


@login_required
def round_statistics(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    applications = list(
        Application.objects.filter(call=call)
        .exclude(state=Application.State.DRAFT)
        .select_related("round")
        .annotate(done=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)))
    )
    rounds = list(call.rounds.all())
    eligible_states = {
        Application.State.SUBMITTED,
        Application.State.UNDER_REVIEW,
        Application.State.ACCEPTED,
        Application.State.REJECTED,
    }

    def counts(items: list[Application]) -> tuple[int, int, int, int]:
        return (
            len(items),
            sum(1 for a in items if a.state in eligible_states),
            sum(1 for a in items if getattr(a, "done", 0)),
            sum(1 for a in items if a.state == Application.State.ACCEPTED),
        )

    per_round = [
        (str(r), *counts([a for a in applications if a.round_id == r.pk]))
        for r in rounds
    ]
    labels = dict(Profile.choices)
    per_profile = [
        (str(labels[code]), *counts([a for a in applications if a.scope == code]))
        for code in _codes_by_name(call)
    ]
    countries = _most_named(
        Counter(c for a in applications for c in a.countries), country_name
    )
    languages = _most_named(
        Counter(i["code"] for a in applications for i in a.languages), language_label
    )
    round_chart = bar_chart(
        title=_("Applications and acceptances per round"),
        description=_("Submitted and accepted applications in each evaluation round."),
        categories=[row[0] for row in per_round],
        series=[
            Series(_("Submitted"), [row[1] for row in per_round]),
            Series(_("Accepted"), [row[4] for row in per_round]),
        ],
        category_label=_("Round"),
    )
    top_countries = countries[:10]
    country_chart = horizontal_bar_chart(
        title=_("Countries of experience"),
        description=_(
            "How many applicants worked in each country (the ten most named)."
        ),
        categories=[country_name(code) for code, _n in top_countries],
        series=[Series(_("Applicants"), [n for _c, n in top_countries])],
        category_label=_("Country"),
    )
    return render(
        request,
        "experts/manage/statistics.html",
        {
            "call": call,
            "per_round": per_round,
            "per_profile": per_profile,
            "round_chart": round_chart,
            "country_chart": country_chart if top_countries else None,
            "languages": [(language_label(code), n) for code, n in languages],
            "breadcrumbs": _crumbs(call, _("Round statistics")),
        },
    )
