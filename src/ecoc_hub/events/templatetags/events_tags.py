from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ecoc_hub.podcasts.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (the podcasts' show-notes renderer)."""
    return render_markdown(text or "")
