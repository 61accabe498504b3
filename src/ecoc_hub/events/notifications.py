"""The e-mails of the events app, each in the recipient's language.

An event may word each decision e-mail itself, per language
(``EmailTemplate``); otherwise the site's templates in
``events/email/`` are used. Both are previewed by ``render_message``
before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Any

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks

from ecoc_hub.core.mail import Attachment, render_email, send_email_task

from . import calendar, timetable
from .enums import ApplicationState
from .models import Application, EmailTemplate, MessageKind

STATE_MESSAGES = {
    ApplicationState.ACCEPTED: MessageKind.ACCEPTED,
    ApplicationState.WAITLISTED: MessageKind.WAITLISTED,
    ApplicationState.REJECTED: MessageKind.REJECTED,
}


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str


def _language(application: Application) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return application.language if application.language in codes else "en"


def _context(application: Application) -> dict[str, Any]:
    event = application.event
    deadline = ""
    if application.offer_expires_at:
        local = timezone.localtime(application.offer_expires_at, event.zone)
        deadline = f"{date_filter(local, 'DATETIME_FORMAT')} ({event.time_zone})"
    return {
        "name": application.name,
        "event": event.title,
        "event_obj": event,
        "link": settings.SITE_URL + application.get_absolute_url(),
        "deadline": deadline,
    }


def render_message(
    application: Application, kind: str, *, language: str | None = None
) -> Message:
    """The e-mail as it will be sent, for the preview and for sending."""
    language = language or _language(application)
    context = _context(application)
    custom = EmailTemplate.objects.filter(
        event_id=application.event_id, kind=kind, language=language
    ).first()
    with translation.override(language):
        if custom is not None:
            values = {k: str(v) for k, v in context.items() if k != "event_obj"}
            subject = Template(custom.subject).safe_substitute(values)
            text = Template(custom.body).safe_substitute(values)
            custom_html = render_to_string(
                "events/email/custom_message.html",
                {"body": linebreaks(escape(text)), "subject": subject},
            )
            return Message(" ".join(subject.splitlines()), text, custom_html)
        subject, text, html = render_email(
            template=f"events/email/{kind}", context=context, language=language
        )
    return Message(subject, text, html)


def calendar_attachment(application: Application) -> Attachment:
    """The event's programme as an .ics file, with the online links."""
    event = application.event
    sessions = event.sessions.order_by("starts_at").prefetch_related("speakers")
    content = calendar.event_calendar(event, sessions, with_links=True)
    return {
        "filename": f"{event.slug}.ics",
        "content": content.decode(),
        "mimetype": "text/calendar",
    }


def _send(application: Application, kind: str) -> None:
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return
    message = render_message(application, kind)
    # A place (selected, registered, or an offer taken): the programme goes
    # with the message, for the person's calendar app.
    attachments = (
        [calendar_attachment(application)] if kind == MessageKind.ACCEPTED else None
    )
    send_email_task.enqueue(
        to=[applicant.email],
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + message.subject,
        text=message.text,
        html=message.html,
        attachments=attachments,
    )


def send_decision(application: Application) -> None:
    kind = STATE_MESSAGES.get(ApplicationState(application.state))
    if kind is not None:
        _send(application, kind)


def send_offer(application: Application) -> None:
    _send(application, MessageKind.OFFER)


def send_reminder(application: Application, kind: str) -> None:
    """Follow-up form due, or an event starting (with its online link)."""
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return
    event = application.event
    context = _context(application)
    # In the event's zone in the mail too, not the site's (timetable.local).
    context["starts"] = timetable.local(event.starts_at, event.zone)
    context["zone"] = event.time_zone
    context["online_url"] = event.online_url if event.is_online else ""
    if event.follow_up_deadline:
        context["follow_up_deadline"] = timetable.local(
            event.follow_up_deadline, event.zone
        )
    subject, text, html = render_email(
        template=f"events/email/reminder_{kind}",
        context=context,
        language=_language(application),
    )
    send_email_task.enqueue(
        to=[applicant.email],
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        text=text,
        html=html,
    )
