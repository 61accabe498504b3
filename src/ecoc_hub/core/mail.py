"""Outgoing e-mail. Every message is rendered in the recipient's language and
sent by the task worker, so a slow mail server never slows a page."""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


def render_email(
    *, template: str, context: dict[str, Any], language: str
) -> tuple[str, str, str]:
    """Render ``<template>_subject.txt``, ``_message.txt`` and ``_message.html``."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    return " ".join(subject.splitlines()), text, html


class Attachment(TypedDict):
    """A file sent with a message; text only, so the task's arguments stay
    JSON (a calendar file, a CSV)."""

    filename: str
    content: str
    mimetype: str


@task()
def send_email_task(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments or []:
        message.attach(
            attachment["filename"], attachment["content"], attachment["mimetype"]
        )
    message.send()


def queue_email(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str,
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render the message in ``language`` and hand it to the task worker.

    ``headers`` are extra header lines (``List-Unsubscribe``, ...): one
    line each, so a value with a line break (or a name with a colon) is
    refused rather than let it add headers of its own.
    """
    for name, value in (headers or {}).items():
        if any(c in name + value for c in "\r\n") or ":" in name:
            raise ValueError(f"Not a single header line: {name!r}")
    subject, text, html = render_email(
        template=template, context=context, language=language
    )
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject
    send_email_task.enqueue(
        to=to,
        subject=subject,
        text=text,
        html=html,
        attachments=attachments,
        headers=headers,
    )
