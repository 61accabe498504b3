from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from ecoc_hub.core.mail import send_email_task


def user_display(user: Any) -> str:
    """How allauth names a person (its messages, its pages): the display name."""
    return str(getattr(user, "public_name", "") or getattr(user, "email", ""))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        """Render allauth's message now, in the person's language, and let the
        task worker send it, like every other mail of the platform."""
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            ctx = {"email": email, **context}
            message = self.render_mail(template_prefix, email, self._full_context(ctx))
        html = None
        if isinstance(message, EmailMultiAlternatives):
            for content, mimetype in message.alternatives:
                if mimetype == "text/html":
                    html = str(content)
        text = str(message.body)
        if message.content_subtype == "html":
            html, text = text, strip_tags(text)
        if html is None:
            # allauth ships plain-text messages; every mail of the platform
            # also carries an HTML part, so wrap the text in one.
            html = render_to_string(
                "accounts/email/allauth_message.html",
                {"text": text, "subject": message.subject, "language": language},
            )
        send_email_task.enqueue(
            to=list(message.to), subject=str(message.subject), text=text, html=html
        )

    def _full_context(self, context: dict[str, Any]) -> dict[str, Any]:
        request = allauth_context.request
        return {
            "request": request,
            "current_site": get_current_site(request),
            **context,
        }


class MFAAdapter(DefaultMFAAdapter):
    pass
