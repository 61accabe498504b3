"""The organisers' programme pages: sessions with their speakers and
materials, and recordings or documents that become library resources."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.core.http import AuthenticatedHttpRequest

from .. import programme as services
from .. import queries, recordings, timetable
from ..models import Event, Session
from ..organise_forms import RecordingForm, SessionForm
from .organise import _crumbs, _event


def _session(event: Event, uuid: UUID) -> Session:
    session = event.sessions.filter(uuid=uuid).first()
    if session is None:
        raise Http404
    return session


def _programme_crumbs(event: Event, label: str) -> list[tuple[str, str]]:
    return _crumbs(
        event,
        (_("Organise"), reverse("events:organise", args=[event.slug])),
        (_("Programme"), reverse("events:programme", args=[event.slug])),
        (label, ""),
    )


@login_required
def programme(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    sessions = list(queries.programme(event).prefetch_related("speakers"))
    return render(
        request,
        "events/programme.html",
        {
            "event": event,
            "days": timetable.days(event, sessions, None),
            "materials": list(event.materials.order_by("title")),
            "breadcrumbs": _crumbs(
                event,
                (_("Organise"), reverse("events:organise", args=[event.slug])),
                (_("Programme"), ""),
            ),
        },
    )


def _save_session(form: SessionForm, session: Session | None) -> Session:
    data = form.cleaned_data
    speakers = list(data.get("speakers", []))
    materials = list(data.get("materials", []))
    with transaction.atomic():
        if name := data["new_speaker_name"].strip():
            speakers.append(
                services.create_speaker(
                    name=name,
                    affiliation=data["new_speaker_affiliation"],
                    bio=data["new_speaker_bio"],
                )
            )
        if session is None:
            return services.create_session(
                event=form.event,
                speakers=speakers,
                materials=materials,
                **form.fields_for_service(),
            )
        return services.update_session(
            session=session,
            speakers=speakers,
            materials=materials,
            **form.fields_for_service(),
        )


@login_required
@require_http_methods(["GET", "POST"])
def session_form(
    request: AuthenticatedHttpRequest, slug: str, uuid: UUID | None = None
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    session = _session(event, uuid) if uuid else None
    form = SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            _save_session(form, session)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The session is saved; calendars that have it will update."),
            )
            return redirect("events:programme", slug=event.slug)
    return render(
        request,
        "events/session_form.html",
        {
            "event": event,
            "form": form,
            "session": session,
            "breadcrumbs": _programme_crumbs(
                event, session.title if session else _("New session")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(
    request: AuthenticatedHttpRequest, slug: str, uuid: UUID
) -> HttpResponse:
    event = _event(request, slug, manage=True)
    session = _session(event, uuid)
    if request.method == "POST":
        services.delete_session(session=session)
        messages.success(request, _("The session is deleted."))
        return redirect("events:programme", slug=event.slug)
    return render(
        request,
        "events/session_delete.html",
        {
            "event": event,
            "session": session,
            "attendances": session.attendances.count(),
            "breadcrumbs": _programme_crumbs(event, _("Delete a session")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recording(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    form = RecordingForm(
        request.POST or None,
        request.FILES or None,
        event=event,
        session=request.session,
        initial={"session": request.GET.get("session")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resource = recordings.add_recording(
            event=event,
            by=request.user,
            title=data["title"],
            file=form.staged["file"],
            transcript=form.staged.get("transcript"),
            session=data["session"],
            abstract=data["abstract"],
            languages=data["languages"],
            licence=data["licence"],
        )
        form.release_uploads()
        if resource.is_published:
            messages.success(request, _("The resource is published in the library."))
        else:
            messages.success(
                request,
                _("The resource is in the library, waiting for a curator's review."),
            )
        return redirect("events:programme", slug=event.slug)
    return render(
        request,
        "events/recording_form.html",
        {
            "event": event,
            "form": form,
            "breadcrumbs": _programme_crumbs(event, _("Add a recording or document")),
        },
    )
