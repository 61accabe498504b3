from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ecoc_hub.accounts.languages import language_name as _language_name
from ecoc_hub.core.markdown import render_markdown

from ..cards import Card, render_cards
from ..mentions import link_mentions

register = template.Library()


@register.filter
def post_markdown(text: str) -> SafeString:
    """A post's Markdown as sanitised HTML (core.markdown, through nh3)."""
    return render_markdown(text or "")


@register.filter
def language_name(code: str) -> str:
    return _language_name(code)


@register.filter
def mentions(html: str, links: dict[str, str] | None) -> SafeString:
    """Link the @handles of listed members in a post's rendered HTML."""
    return link_mentions(html, links or {})


@register.filter
def link_cards(html: str, cards: dict[str, Card | None] | None) -> SafeString:
    """Show a lone link to the site's own resources, events, courses and
    experts as a card (``cards.resolve_cards`` found them for the page)."""
    return render_cards(html, cards or {})
