"""@mentions in posts: finding the handles, linking those of listed
members, and the handle each member has."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .models import DirectoryEntry
from .models.peers import HANDLE_PATTERN

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

#: ``@handle`` not preceded by a word character (an e-mail address) or @.
MENTION = re.compile(rf"(?<![\w@/])@({HANDLE_PATTERN})(?![\w-])")
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"a", "code", "pre"}


def handles_in(text: str) -> set[str]:
    return {m.lower() for m in MENTION.findall(text or "")}


def mentioned_users(text: str) -> list[User]:
    """The active members whose handle the text mentions."""
    handles = handles_in(text)
    if not handles:
        return []
    return [
        entry.user
        for entry in DirectoryEntry.objects.filter(
            handle__in=handles,
            user__is_active=True,
            user__is_former_member=False,
        ).select_related("user")
    ]


def links_for(texts: list[str]) -> dict[str, str]:
    """Handle → profile address, for the listed members the texts mention
    (one query for a whole thread)."""
    handles = set().union(*(handles_in(t) for t in texts)) if texts else set()
    if not handles:
        return {}
    return {
        str(handle): reverse("accounts:profile", args=[user_id])
        for handle, user_id in DirectoryEntry.objects.filter(
            handle__in=handles,
            is_listed=True,
            user__is_active=True,
            user__is_former_member=False,
        ).values_list("handle", "user_id")
    }


def link_mentions(html: str, links: dict[str, str]) -> SafeString:
    """Turn ``@handle`` into a link in the text of rendered (sanitised)
    HTML, outside links and code; an unknown or unlisted handle stays text."""
    if not links:
        return mark_safe(html)  # noqa: S308 - already sanitised by core.markdown
    out, skipping = [], 0
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in _SKIP:
                skipping += -1 if part.startswith("</") else 1
            out.append(part)
        elif skipping > 0:
            out.append(part)
        else:
            out.append(
                MENTION.sub(
                    lambda m: (
                        f'<a class="mention" href="{escape(links[m[1].lower()])}">'
                        f"@{m[1]}</a>"
                        if m[1].lower() in links
                        else m[0]
                    ),
                    part,
                )
            )
    return mark_safe("".join(out))  # noqa: S308 - sanitised, links built here


def suggested_handle(user: User) -> str:
    base = slugify(user.display_name or "").replace("-", "_")[:34] or "member"
    if len(base) < 2:
        base = f"{base}_member"
    handle, number = base, 2
    while DirectoryEntry.objects.filter(handle=handle).exists():
        handle, number = f"{base}{number}", number + 1
    return handle


def ensure_handle(user: User) -> str:
    """The member's handle, given one from their name the first time."""
    entry, _created = DirectoryEntry.objects.get_or_create(user=user)
    if not entry.handle:
        entry.handle = suggested_handle(user)
        entry.save(update_fields=["handle"])
    return entry.handle
