"""Markdown written by people (show notes, event descriptions) to safe HTML,
and to plain text for feeds and the search index. Shared by every app."""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

_TAGS = {
    "p", "br", "a", "ul", "ol", "li", "em", "strong", "code", "pre",
    "blockquote", "h3", "h4", "hr",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text: str) -> str:
    """Markdown to plain text, for feeds' summaries and the search index."""
    return " ".join(nh3.clean(render_markdown(text), tags=set()).split())
