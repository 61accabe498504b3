"""Markdown show notes to safe HTML, and small formatting helpers."""

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


def clock(seconds: float) -> str:
    """125.4 -> "02:05"; 3725 -> "1:02:05"."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def iso_duration(seconds: float) -> str:
    """schema.org duration: 125 -> "PT2M5S"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    return out + f"{secs}S"
