"""A team's assessments: the list, starting one, answering a part (one
criterion) and submitting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.accounts.permissions import can_view_team
from ecoc_hub.cities.models import Criterion
from ecoc_hub.core.forms import summary_errors
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ObjectHidden, get_for_user
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.library.enums import ResourceState
from ecoc_hub.library.queries import visible_resources

from .. import permissions, queries, services
from ..forms import AnswerForm, StartForm
from ..models import Assessment, Statement
from ..workflow import ASSESSMENT


def load_assessment(request: HttpRequest, uuid: Any, can_do: Any = None) -> Assessment:
    return get_for_user(
        Assessment.objects.select_related("organisation__title__city", "version"),
        request.user,
        can_see=permissions.can_see_assessment,
        can_do=can_do,
        uuid=uuid,
    )


def breadcrumbs(assessment: Assessment, *more: tuple[str, str]) -> list[Any]:
    team = assessment.organisation
    return [
        (_("Self-assessment"), reverse("assessment:index")),
        (team.name, reverse("assessment:team", args=[team.slug])),
        (assessment.get_stage_display(), assessment.get_absolute_url()),
        *more,
    ]


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = Organisation.objects.filter(memberships__user=request.user).order_by("name")
    return render(
        request,
        "assessment/index.html",
        {
            "teams": teams,
            "shared": queries.shared_with_me(request.user),
            "can_see_aggregates": permissions.can_see_aggregates(request.user),
            "can_edit_framework": permissions.can_edit_framework(request.user),
            "breadcrumbs": [(_("Self-assessment"), "")],
        },
    )


def _team(request: HttpRequest, slug: str, can_do: Any) -> Organisation:
    return get_for_user(
        Organisation.objects.select_related("title__city"),
        request.user,
        can_see=can_view_team,
        can_do=can_do,
        slug=slug,
    )


@login_required
def team(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _team(request, slug, permissions.can_see_team_assessments)
    return _render_team(request, organisation, StartForm())


def _render_team(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    form: StartForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "assessment/team.html",
        {
            "team": organisation,
            "assessments": queries.team_assessments(organisation),
            "form": form,
            "can_start": permissions.can_start_assessment(request.user, organisation),
            "breadcrumbs": [
                (_("Self-assessment"), reverse("assessment:index")),
                (organisation.name, ""),
            ],
        },
        status=status,
    )


@login_required
@require_POST
def start(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = _team(request, slug, permissions.can_start_assessment)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.start_assessment(
                organisation=organisation,
                stage=form.cleaned_data["stage"],
                person=request.user,
            )
        except TransitionError as error:
            error.add_to_form(form)
        else:
            messages.success(
                request,
                _("The assessment is started. Answer the parts you know."),
            )
            return redirect(assessment)
    return _render_team(request, organisation, form, status=400)


@login_required
def detail(request: AuthenticatedHttpRequest, uuid: Any) -> HttpResponse:
    assessment = load_assessment(request, uuid)
    if assessment.is_submitted:
        return redirect("assessment:result", uuid=assessment.uuid)
    statements = Statement.objects.filter(version=assessment.version)
    answered = set(
        assessment.answers.values_list("statement__area__criterion_id", "statement_id")
    )
    parts = []
    for criterion in Criterion.objects.all():
        total = statements.filter(area__criterion=criterion).count()
        done = sum(1 for c, _s in answered if c == criterion.pk)
        parts.append({"criterion": criterion, "total": total, "done": done})
    done = len(answered)
    total = statements.count()
    return render(
        request,
        "assessment/detail.html",
        {
            "assessment": assessment,
            "parts": parts,
            "done": done,
            "total": total,
            "can_answer": permissions.can_answer(request.user, assessment),
            "can_submit": ASSESSMENT.can(request.user, assessment, "submit"),
            "history": assessment.history.select_related("actor"),
            "breadcrumbs": [
                *breadcrumbs(assessment)[:-1],
                (assessment.get_stage_display(), ""),
            ],
        },
    )


def _part_forms(
    request: HttpRequest, assessment: Assessment, criterion: Criterion, data: Any
) -> list[AnswerForm]:
    statements = list(
        Statement.objects.filter(
            version=assessment.version, area__criterion=criterion
        ).select_related("area")
    )
    levels = list(assessment.version.levels.all())
    answers = queries.answers_of(assessment)
    resources = visible_resources(request.user).filter(state=ResourceState.PUBLISHED)
    return [
        AnswerForm(
            data,
            statement=statement,
            levels=levels,
            resources=resources.filter(capacity_areas=statement.area_id).order_by(
                "title"
            ),
            answer=answers.get(statement.pk),
        )
        for statement in statements
    ]


def _render_part(
    request: HttpRequest,
    assessment: Assessment,
    criterion: Criterion,
    forms: list[AnswerForm],
    *,
    conflicts: dict[int, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    groups: list[dict[str, Any]] = []
    for form in forms:
        area = form.statement.area
        if not groups or groups[-1]["area"] != area:
            groups.append({"area": area, "forms": []})
        groups[-1]["forms"].append(form)
    return render(
        request,
        "assessment/part.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "groups": groups,
            "forms": forms,
            "levels": assessment.version.levels.all(),
            "conflicts": conflicts or {},
            "summary_errors": summary_errors(*forms),
            "breadcrumbs": breadcrumbs(
                assessment, (f"{criterion.letter}. {criterion.display_name}", "")
            ),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def part(request: AuthenticatedHttpRequest, uuid: Any, letter: str) -> HttpResponse:
    assessment = load_assessment(request, uuid, permissions.can_answer)
    criterion = Criterion.objects.filter(letter=letter.upper()).first()
    if criterion is None:
        raise ObjectHidden
    if request.method != "POST":
        forms = _part_forms(request, assessment, criterion, None)
        return _render_part(request, assessment, criterion, forms)
    forms = _part_forms(request, assessment, criterion, request.POST)
    if not all(form.is_valid() for form in forms):
        return _render_part(request, assessment, criterion, forms, status=400)
    changes = [
        services.AnswerChange(
            statement=form.statement,
            level=form.cleaned_data["level"],
            evidence=form.cleaned_data["evidence"],
            resources=list(form.cleaned_data["resources"]),
            seen_revision=form.cleaned_data["revision"],
        )
        for form in forms
        if form.wants_save
    ]
    try:
        result = services.save_answers(
            assessment=assessment, person=request.user, changes=changes
        )
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(assessment)
    if result.conflicts:
        return _conflict(request, assessment, criterion, result)
    messages.success(
        request,
        ngettext(
            "%(count)d answer was saved.", "%(count)d answers were saved.", len(changes)
        )
        % {"count": len(changes)},
    )
    return redirect(assessment)


def _conflict(
    request: HttpRequest,
    assessment: Assessment,
    criterion: Criterion,
    result: services.SaveResult,
) -> HttpResponse:
    """Show what the others saved; keep the person's own choice in the form
    of each conflicting statement, now based on the newer revision, so that
    saving again replaces the other answer knowingly."""
    conflicts = {answer.statement_id: answer for answer in result.conflicts}
    data = request.POST.copy()
    for statement_id, answer in conflicts.items():
        data[f"s{statement_id}-revision"] = str(answer.revision)
    fresh = _part_forms(request, assessment, criterion, None)
    bound = {
        form.statement.pk: form
        for form in _part_forms(request, assessment, criterion, data)
        if form.statement.pk in conflicts
    }
    forms = [bound.get(form.statement.pk, form) for form in fresh]
    if result.saved:
        messages.success(
            request,
            ngettext(
                "%(count)d answer was saved.",
                "%(count)d answers were saved.",
                len(result.saved),
            )
            % {"count": len(result.saved)},
        )
    return _render_part(
        request, assessment, criterion, forms, conflicts=conflicts, status=409
    )


@login_required
@require_POST
def submit(request: AuthenticatedHttpRequest, uuid: Any) -> HttpResponse:
    assessment = load_assessment(request, uuid, permissions.can_submit)
    try:
        services.submit_assessment(assessment=assessment, person=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(assessment)
    messages.success(request, _("The assessment is submitted. Here is the result."))
    return redirect("assessment:result", uuid=assessment.uuid)
