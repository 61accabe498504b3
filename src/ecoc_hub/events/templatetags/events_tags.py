from __future__ import annotations

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ecoc_hub.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (core.markdown, as the podcasts' show notes)."""
    return render_markdown(text or "")


@register.filter
def answer_text(value: object) -> str:
    """An answer as a person reads it: Yes/No, options joined, a dash for none."""
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
