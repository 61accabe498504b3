"""Lesson text: Markdown written by trainers to safe HTML.

Lessons need more than the site's short texts (``core.markdown``): headings
under the lesson's title, tables and images. The same sanitiser (nh3) keeps
only the tags and attributes listed here, and links and images only with
the schemes listed, so a lesson can never carry a script or a style.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

_TAGS = {
    "p", "br", "a", "ul", "ol", "li", "em", "strong", "code", "pre",
    "blockquote", "h2", "h3", "h4", "hr", "img", "table", "thead", "tbody",
    "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
# Markdown's own headings start at h1; the lesson's title is the page's h1.
_SHIFT = str.maketrans({"1": "2", "2": "3", "3": "4"})


def _shift_headings(html: str) -> str:
    for level in ("3", "2", "1"):
        shifted = level.translate(_SHIFT)
        html = html.replace(f"<h{level}>", f"<h{shifted}>")
        html = html.replace(f"</h{level}>", f"</h{shifted}>")
    return html


def render_lesson(text: str) -> SafeString:
    html = markdown.markdown(
        text or "", extensions=["sane_lists", "tables"], output_format="html"
    )
    cleaned = nh3.clean(
        _shift_headings(html),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def lesson_text(text: str) -> str:
    """The lesson as plain text, for the search index."""
    return " ".join(nh3.clean(render_lesson(text), tags=set()).split())
