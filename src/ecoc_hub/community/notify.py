"""On-site notifications, and the e-mail that goes with the important ones,
in the recipient's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from ecoc_hub.core.mail import queue_email

from .models import Notification, Thread

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def reachable(user: User | None) -> bool:
    return bool(
        user is not None and user.is_active and not user.is_former_member and user.email
    )


def notify(
    *,
    recipient: User | None,
    kind: str,
    url: str,
    thread: Thread | None = None,
    email: str = "",
    context: dict[str, Any] | None = None,
) -> None:
    """A line on the recipient's notifications page; with ``email`` (a
    template under ``community/email/``) a message too."""
    if recipient is None or not reachable(recipient):
        return
    Notification.objects.create(recipient=recipient, kind=kind, url=url, thread=thread)
    if email:
        queue_email(
            to=[recipient.email],
            template=f"community/email/{email}",
            context={
                "name": recipient.public_name,
                "url": settings.SITE_URL + url,
                **(context or {}),
            },
            language=recipient.preferred_language or settings.LANGUAGE_CODE,
        )
