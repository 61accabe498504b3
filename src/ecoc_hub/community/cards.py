"""Link cards: a bare link to one of the site's own library resources,
events, courses or expert profiles, alone in its paragraph of a post, is
shown as a card (title, kind, a one-line summary, date and language where
they matter) instead of the bare address.

A thread page resolves the links of all its posts at once, with one query
per kind of page linked (``resolve_cards``), each through that app's own
rule of who may see what, and only for published things: a draft, an
unpublished or withdrawn resource, a private one the reader may not open,
or an expert who left the pool stays a plain link and its title never
reaches the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ecoc_hub.accounts.languages import language_name
from ecoc_hub.core.markdown import plain_text
from ecoc_hub.courses.enums import CourseState
from ecoc_hub.courses.queries import visible_courses
from ecoc_hub.events.enums import Visibility
from ecoc_hub.events.queries import visible_events
from ecoc_hub.experts.search_index import public_entries
from ecoc_hub.library.queries import visible_resources

#: The most links a page resolves (a post of links is no reason to scan).
MAX_LINKS = 50
SUMMARY_CHARS = 160

# A paragraph of one address, bare or in <...> (Markdown's autolink).
_BARE = re.compile(r"^<?(?P<url>(?:https?://[^\s<>]+|/[^\s<>]*))>?$")
# The same paragraph once rendered: ``<p>URL</p>`` or ``<p><a ...>URL</a></p>``.
_RENDERED = re.compile(
    r"<p>(?:<a href=\"(?P<href>[^\"]+)\"[^>]*>)?(?P<text>[^<\s]+)(?:</a>)?</p>"
)

# URL name -> (kind, the keyword argument that names the object).
_PAGES = {
    "library:resource": ("resource", "uuid"),
    "library:resource_short": ("resource", "uuid"),
    "events:detail": ("event", "slug"),
    "courses:detail": ("course", "slug"),
    "experts:pool_expert": ("expert", "slug"),
}


@dataclass(frozen=True)
class Card:
    url: str
    title: str
    kind: str
    summary: str = ""
    when: str = ""
    languages: str = ""


def _target(url: str) -> tuple[str, str] | None:
    """(kind, key) when ``url`` is one of the site's own linkable pages."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.SITE_URL)
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
    if not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    page = _PAGES.get(match.view_name)
    if page is None:
        return None
    return page[0], str(match.kwargs[page[1]])


def bare_links(body: str) -> list[str]:
    """The addresses that stand alone in a paragraph of ``body``."""
    found = []
    for block in re.split(r"\n\s*\n", body or ""):
        line = block.strip()
        if "\n" in line:
            continue
        match = _BARE.match(line)
        if match:
            found.append(match.group("url"))
    return found


def _languages(codes: Iterable[str]) -> str:
    return ", ".join(language_name(code) for code in codes if code)


def _short(text: str) -> str:
    return Truncator(plain_text(text or "")).chars(SUMMARY_CHARS)


def _resources(keys: set[str], user: Any) -> dict[str, Card]:
    rows = visible_resources(user).filter(uuid__in=keys, state="published")
    return {
        str(r.uuid): Card(
            url=r.get_absolute_url(),
            title=r.title,
            kind=str(r.get_resource_type_display()),
            summary=_short(r.abstract),
            when=str(r.publication_year or ""),
            languages=_languages(r.languages or []),
        )
        for r in rows
    }


def _events(keys: set[str], user: Any) -> dict[str, Card]:
    rows = (
        visible_events(user).filter(slug__in=keys).exclude(visibility=Visibility.DRAFT)
    )
    return {
        e.slug: Card(
            url=e.get_absolute_url(),
            title=e.title,
            kind=str(e.get_kind_display()),
            summary=Truncator(e.summary).chars(SUMMARY_CHARS),
            when=_("%(start)s to %(end)s")
            % {
                "start": date_format(e.starts_at, "DATE_FORMAT"),
                "end": date_format(e.ends_at, "DATE_FORMAT"),
            },
            languages=_languages(e.languages or []),
        )
        for e in rows
    }


def _courses(keys: set[str], user: Any) -> dict[str, Card]:
    rows = visible_courses(user).filter(slug__in=keys).exclude(state=CourseState.DRAFT)
    return {
        c.slug: Card(
            url=c.get_absolute_url(),
            title=c.title,
            kind=_("Course"),
            summary=Truncator(c.summary).chars(SUMMARY_CHARS),
            when=_("%(start)s to %(end)s")
            % {
                "start": date_format(c.starts_on, "DATE_FORMAT"),
                "end": date_format(c.ends_on, "DATE_FORMAT"),
            }
            if c.is_cohort and c.starts_on and c.ends_on
            else "",
            languages=_languages(c.languages or []),
        )
        for c in rows
    }


def _experts(keys: set[str], user: Any) -> dict[str, Card]:
    rows = public_entries().filter(slug__in=keys).select_related("expert")
    return {
        e.slug: Card(
            url=e.get_absolute_url(),
            title=e.expert.full_name,
            kind=_("Expert"),
            summary=Truncator(e.headline).chars(SUMMARY_CHARS),
        )
        for e in rows
    }


_LOADERS = {
    "resource": _resources,
    "event": _events,
    "course": _courses,
    "expert": _experts,
}


def resolve_cards(bodies: Iterable[str], user: Any) -> dict[str, Card | None]:
    """Address -> its card, or ``None`` for one of the site's own pages this
    reader gets no card for; one query per kind linked."""
    targets: dict[str, tuple[str, str]] = {}
    for body in bodies:
        for url in bare_links(body):
            if len(targets) >= MAX_LINKS:
                break
            target = _target(url)
            if target is not None:
                targets[url] = target
    wanted: dict[str, set[str]] = {}
    for kind, key in targets.values():
        wanted.setdefault(kind, set()).add(key)
    found = {kind: _LOADERS[kind](keys, user) for kind, keys in sorted(wanted.items())}
    return {url: found[kind].get(key) for url, (kind, key) in targets.items()}


def render_cards(rendered: str, cards: dict[str, Card | None]) -> SafeString:
    """Replace the paragraphs of a lone address in a post's rendered HTML by
    its card (or, for an own page without one, by a plain link)."""
    if not cards:
        return mark_safe(rendered)  # noqa: S308 - the caller's sanitised HTML

    def replace(match: re.Match[str]) -> str:
        text = html.unescape(match.group("text"))
        href = html.unescape(match.group("href") or text)
        if href != text or text not in cards:
            return match.group(0)
        card = cards[text]
        if card is None:
            return f'<p><a href="{escape(text)}">{escape(text)}</a></p>'
        return render_to_string("community/includes/link_card.html", {"card": card})

    return mark_safe(_RENDERED.sub(replace, rendered))  # noqa: S308 - escaped
