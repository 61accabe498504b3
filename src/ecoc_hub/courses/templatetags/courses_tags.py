from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ecoc_hub.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """A course's description: the site's short Markdown (core.markdown)."""
    return render_markdown(text or "")
