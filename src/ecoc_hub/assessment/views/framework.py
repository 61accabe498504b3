"""The framework: published versions for everyone, drafts edited and
published by curators."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.cities.models import Criterion
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ObjectHidden, get_for_user, requires
from ecoc_hub.core.workflow import TransitionError

from .. import framework, permissions
from ..forms import LevelForm, PublishForm, StatementForm
from ..models import FrameworkVersion, Level, Statement


def _version(request: HttpRequest, number: int, can_do: Any = None) -> FrameworkVersion:
    return get_for_user(
        FrameworkVersion,
        request.user,
        can_see=permissions.can_see_version,
        can_do=can_do,
        number=number,
    )


def _crumbs(version: FrameworkVersion | None, *more: tuple[str, str]) -> list[Any]:
    crumbs = [(_("Self-assessment"), reverse("assessment:index"))]
    crumbs.append((_("Framework"), reverse("assessment:framework")))
    if version is not None:
        crumbs.append((str(version), version.get_absolute_url()))
    return crumbs + list(more)


def _render_version(
    request: HttpRequest, version: FrameworkVersion, publish_form: PublishForm | None
) -> HttpResponse:
    statements = defaultdict(list)
    for statement in version.statements.select_related("area"):
        statements[statement.area_id].append(statement)
    criteria = [
        {
            "criterion": criterion,
            "areas": [
                {"area": area, "statements": statements.get(area.pk, [])}
                for area in criterion.capacity_areas.all()
            ],
        }
        for criterion in Criterion.objects.prefetch_related("capacity_areas")
    ]
    editable = permissions.can_edit_version(request.user, version)
    is_curator = permissions.can_edit_framework(request.user)
    return render(
        request,
        "assessment/framework.html",
        {
            "version": version,
            "levels": version.levels.all(),
            "criteria": criteria,
            "editable": editable,
            "is_curator": is_curator,
            "draft": framework.draft_version() if is_curator else None,
            "versions": FrameworkVersion.objects.all()
            if is_curator
            else FrameworkVersion.objects.filter(state="published"),
            "publish_form": publish_form or PublishForm(),
            "history": version.history.select_related("actor"),
            "breadcrumbs": _crumbs(None, (str(version), "")),
        },
        status=400 if publish_form is not None else 200,
    )


def current(request: HttpRequest) -> HttpResponse:
    version = framework.current_version()
    if version is None:
        raise ObjectHidden
    return _render_version(request, version, None)


def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    return _render_version(request, _version(request, number), None)


@requires(permissions.can_edit_framework)
@require_POST
def start_draft(request: AuthenticatedHttpRequest) -> HttpResponse:
    draft = framework.start_draft(curator=request.user)
    messages.success(request, _("The draft is ready: change it, then publish it."))
    return redirect(draft)


@requires(permissions.can_edit_framework)
@require_http_methods(["GET", "POST"])
def statement_edit(
    request: AuthenticatedHttpRequest, number: int, pk: int | None = None
) -> HttpResponse:
    version = _version(request, number, permissions.can_edit_version)
    statement = None
    if pk is not None:
        statement = Statement.objects.filter(version=version, pk=pk).first()
        if statement is None:
            raise ObjectHidden
    form = StatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        framework.save_statement(
            version=version,
            statement=statement,
            values={name: form.cleaned_data[name] for name in form.fields},
        )
        messages.success(request, _("The statement was saved."))
        return redirect(
            f"{version.get_absolute_url()}#area-{form.cleaned_data['area'].code}"
        )
    label = _("Change the statement") if statement else _("New statement")
    return render(
        request,
        "assessment/statement_form.html",
        {
            "version": version,
            "statement": statement,
            "form": form,
            "title": label,
            "breadcrumbs": _crumbs(version, (label, "")),
        },
        status=400 if form.is_bound else 200,
    )


@requires(permissions.can_edit_framework)
@require_POST
def statement_delete(
    request: AuthenticatedHttpRequest, number: int, pk: int
) -> HttpResponse:
    version = _version(request, number, permissions.can_edit_version)
    statement = Statement.objects.filter(version=version, pk=pk).first()
    if statement is None:
        raise ObjectHidden
    framework.delete_statement(statement=statement)
    messages.success(request, _("The statement was removed from the draft."))
    return redirect(version)


@requires(permissions.can_edit_framework)
@require_http_methods(["GET", "POST"])
def level_edit(
    request: AuthenticatedHttpRequest, number: int, value: int
) -> HttpResponse:
    version = _version(request, number, permissions.can_edit_version)
    level = Level.objects.filter(version=version, value=value).first()
    if level is None:
        raise ObjectHidden
    form = LevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        framework.save_level(
            level=level, values={name: form.cleaned_data[name] for name in form.fields}
        )
        messages.success(request, _("The level was saved."))
        return redirect(version)
    title = _("Level %(value)d") % {"value": level.value}
    return render(
        request,
        "assessment/level_form.html",
        {
            "version": version,
            "level": level,
            "form": form,
            "title": title,
            "breadcrumbs": _crumbs(version, (title, "")),
        },
        status=400 if form.is_bound else 200,
    )


@requires(permissions.can_edit_framework)
@require_POST
def publish(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    version = _version(request, number, permissions.can_edit_version)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            framework.publish_version(
                version=version, curator=request.user, note=form.cleaned_data["note"]
            )
        except TransitionError as error:
            error.add_to_form(form, fields={"comment": "note"})
        else:
            messages.success(
                request, _("The version is published: new assessments use it.")
            )
            return redirect(version)
    return _render_version(request, version, form)
