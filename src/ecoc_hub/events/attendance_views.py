"""Tickets, check-in by ticket and by list, and certificates of attendance."""

from __future__ import annotations

import base64
import io
from typing import Any, cast

import qrcode
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import (
    ActionRefused,
    ObjectPredicate,
    check_object,
    get_for_user,
)

from . import certify, checkin, permissions
from .attendance import Attendance, CheckInMethod
from .models import Event, Session


class SessionField(forms.ModelChoiceField[Session]):
    def label_from_instance(self, obj: Session) -> str:
        return _session_label(obj)


class SessionChoiceForm(forms.Form):
    session = SessionField(
        label=gettext_lazy("Session"), queryset=Session.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(SessionField, self.fields["session"])
        field.queryset = event.sessions.order_by("starts_at")


def _session_label(session: Session) -> str:
    from django.utils.formats import date_format

    start = timezone.localtime(session.starts_at, session.event.zone)
    return f"{session.title} ({date_format(start, 'SHORT_DATETIME_FORMAT')})"


def _qr_data_uri(url: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(url, border=2, box_size=8).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _event(
    request: HttpRequest, slug: str, *, can_do: ObjectPredicate | None = None
) -> Event:
    return get_for_user(
        Event,
        request.user,
        can_see=permissions.can_see_event,
        can_do=can_do,
        slug=slug,
    )


@login_required
def ticket(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    application = event.applications.filter(
        applicant=request.user, state="accepted"
    ).first()
    if application is None:
        raise ActionRefused
    url = absolute(
        reverse("attendance:checkin", args=[checkin.ticket_token(application)])
    )
    attended = set(
        Attendance.objects.filter(
            session__event=event, participant=request.user
        ).values_list("session_id", flat=True)
    )
    sessions = list(event.sessions.order_by("starts_at"))
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "application": application,
            "ticket_url": url,
            "qr": _qr_data_uri(url),
            "sessions": [(s, s.pk in attended) for s in sessions],
            "attended": len(attended),
            "needed": certify.sessions_needed(len(sessions), event.attendance_percent),
            "rule_percent": event.attendance_percent,
            "certificate": certify.certificate_for(event, request.user),
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (event.title, event.get_absolute_url()),
                (_("My ticket"), ""),
            ],
        },
    )


@login_required
def checkin_by_ticket(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    application = checkin.application_for_token(token)
    if application is None:
        return render(request, "events/checkin_unknown.html", status=404)
    event = application.event
    if application.applicant_id == request.user.pk and not permissions.can_manage_event(
        request.user, event
    ):
        return redirect("attendance:ticket", slug=event.slug)
    check_object(
        request.user,
        event,
        can_see=permissions.can_see_event,
        can_do=permissions.can_manage_event,
    )
    person = application.applicant
    if person is None:  # the account was deleted since
        return render(request, "events/checkin_unknown.html", status=404)
    current = checkin.current_session(event)
    form = SessionChoiceForm(
        request.POST or None, event=event, initial={"session": current}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        try:
            checkin.check_in(
                session=session,
                participant=person,
                by=request.user,
                method=CheckInMethod.TICKET,
            )
        except checkin.CheckInError as error:
            error.add_to_form(form)
            status = 400
        else:
            messages.success(
                request,
                _("%(name)s is checked in for “%(session)s”.")
                % {
                    "name": application.name or person.public_name,
                    "session": session.title,
                },
            )
            return redirect("attendance:session", uuid=session.uuid)
    done = set(
        Attendance.objects.filter(session__event=event, participant=person).values_list(
            "session__title", flat=True
        )
    )
    return render(
        request,
        "events/checkin_ticket.html",
        {
            "event": event,
            "application": application,
            "person": person,
            "current": current,
            "form": form,
            "done": sorted(done),
        },
        status=status,
    )


@login_required
def session_checkin(request: AuthenticatedHttpRequest, uuid: object) -> HttpResponse:
    session = get_for_user(
        Session.objects.select_related("event"),
        request.user,
        can_see=permissions.can_see_session,
        can_do=lambda user, s: permissions.can_manage_event(user, s.event),
        uuid=uuid,
    )
    event = session.event
    if request.method == "POST":
        person_id = request.POST.get("participant", "")
        application = (
            checkin.participants(event).filter(applicant_id=int(person_id)).first()
            if person_id.isdigit()
            else None
        )
        if application is None or application.applicant is None:
            messages.error(
                request, _("That person is not a participant of this event.")
            )
        elif request.POST.get("undo"):
            checkin.undo_check_in(session=session, participant=application.applicant)
            messages.success(
                request, _("Check-in of %(name)s undone.") % {"name": application.name}
            )
        else:
            try:
                checkin.check_in(
                    session=session,
                    participant=application.applicant,
                    by=request.user,
                    method=CheckInMethod.LIST,
                )
            except checkin.CheckInError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": application.name}
                )
        query = request.POST.get("q", "")
        target = reverse("attendance:session", args=[session.uuid])
        return redirect(f"{target}?q={query}" if query else target)
    query = request.GET.get("q", "").strip()[:100]
    people = checkin.participants(event)
    if query:
        people = people.filter(name__icontains=query)
    present = set(session.attendances.values_list("participant_id", flat=True))
    rows = [(a, a.applicant_id in present) for a in people]
    return render(
        request,
        "events/session_checkin.html",
        {
            "event": event,
            "session": session,
            "rows": rows,
            "query": query,
            "present": len(present),
            "total": checkin.participants(event).count(),
            "sessions": event.sessions.order_by("starts_at"),
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (event.title, event.get_absolute_url()),
                (_("Check-in"), ""),
            ],
        },
    )


@login_required
def event_certificates(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, can_do=permissions.can_manage_event)
    if request.method == "POST":
        issued = certify.issue_attendance_certificates(event=event, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s certificate issued.",
                "%(count)s certificates issued.",
                len(issued),
            )
            % {"count": len(issued)}
            if issued
            else _("No new certificates: everyone eligible already has one."),
        )
        return redirect("attendance:certificates", slug=event.slug)
    rows = certify.summary(event)
    return render(
        request,
        "events/event_certificates.html",
        {
            "event": event,
            "rows": rows,
            "rule_percent": event.attendance_percent,
            "needed": certify.sessions_needed(
                rows[0].total if rows else event.sessions.count(),
                event.attendance_percent,
            ),
            "total": event.sessions.count(),
            "eligible_without": sum(
                1 for r in rows if r.eligible and r.certificate is None
            ),
            "sessions": event.sessions.order_by("starts_at"),
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (event.title, event.get_absolute_url()),
                (_("Certificates"), ""),
            ],
        },
    )
