"""The organisers' pages for an event itself: create it, edit its settings,
name its organisers, publish or archive it, and the "Organise" hub."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires
from ecoc_hub.core.workflow import TransitionError

from .. import organising, permissions, services
from ..models import Event
from ..organise_forms import EventForm, OrganisersForm
from ..workflow import VISIBILITY
from .organise import _crumbs, _event


@requires(permissions.can_create_event)
@require_http_methods(["GET", "POST"])
def create_event(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, instance=Event())
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data["description"]
        else:
            try:
                event = organising.create_event(
                    creator=request.user,
                    capacity_areas=form.cleaned_data["capacity_areas"],
                    **form.changes(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The event is saved as a draft: only organisers see it.")
                )
                return redirect("events:organise", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {
            "form": form,
            "event": None,
            "preview": preview,
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (_("New event"), ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_settings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    form = EventForm(request.POST or None, instance=event)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data["description"]
        else:
            organising.update_event(
                event=event,
                actor=request.user,
                capacity_areas=form.cleaned_data["capacity_areas"],
                **form.changes(),
            )
            messages.success(request, _("The event's settings are saved."))
            return redirect("events:organise", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {
            "form": form,
            "event": event,
            "preview": preview,
            "breadcrumbs": _crumbs(
                event,
                (_("Organise"), reverse("events:organise", args=[event.slug])),
                (_("Settings"), ""),
            ),
        },
    )


@login_required
def organise(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    return render(
        request,
        "events/organise.html",
        {
            "event": event,
            "counts": services.state_counts(event),
            "session_count": event.sessions.count(),
            "actions": VISIBILITY.available(request.user, event),
            "history": list(event.visibility_history.select_related("actor")[:10]),
            "organisers": list(event.organisers.order_by("display_name")),
            "breadcrumbs": _crumbs(event, (_("Organise"), "")),
        },
    )


@login_required
@require_POST
def visibility(
    request: AuthenticatedHttpRequest, slug: str, action: str
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    if action not in VISIBILITY.table:
        raise Http404
    try:
        organising.change_visibility(event=event, action=action, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        event.refresh_from_db(fields=["visibility"])
        messages.success(
            request,
            _("The event is now: %(state)s.")
            % {"state": event.get_visibility_display()},
        )
    return redirect("events:organise", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organisers(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    form = OrganisersForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["organisers"])
        if not chosen and not permissions.is_curator(request.user):
            form.add_error(
                "organisers", _("Keep at least one organiser for the event.")
            )
        else:
            organising.set_organisers(
                event=event, actor=request.user, organisers=chosen
            )
            messages.success(request, _("The organisers are saved."))
            if permissions.can_manage_event(request.user, event):
                return redirect("events:organise", slug=event.slug)
            return redirect("events:list")
    return render(
        request,
        "events/organisers.html",
        {
            "event": event,
            "form": form,
            "breadcrumbs": _crumbs(
                event,
                (_("Organise"), reverse("events:organise", args=[event.slug])),
                (_("Organisers"), ""),
            ),
        },
    )
