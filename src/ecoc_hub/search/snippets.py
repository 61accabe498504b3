"""Highlighted snippets, computed in Python from a passage's original text.

Each original word is analysed again in the passage's language; a word whose
token is one of the query's tokens is marked. Everything else is escaped, so
the result is safe HTML whatever the passage contains.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import analysis

SNIPPET_WORDS = 32
MAX_SCAN_CHARS = 60_000


def make_snippet(
    text: str, language: str, tokens: frozenset[str], *, size: int = SNIPPET_WORDS
) -> SafeString:
    text = text[:MAX_SCAN_CHARS]
    words = analysis.ORIGINAL_WORD_RE.findall(text)
    if not words:
        return mark_safe(escape(text[:300]))  # noqa: S308 (escaped)
    # Each distinct word is analysed once; the scan itself stays in C.
    hit_words = {
        word
        for word in set(words)
        if not tokens.isdisjoint(analysis.word_tokens(word, language))
    }
    hits = [i for i, word in enumerate(words) if word in hit_words]
    window = _best_window(hits, len(words), size)
    spans: list[tuple[int, int, bool]] = []
    for index, match in enumerate(analysis.ORIGINAL_WORD_RE.finditer(text)):
        if index >= window + size:
            break
        if index >= window:
            spans.append((match.start(), match.end(), match.group() in hit_words))
    begin = spans[0][0] if window > 0 else 0
    finish = spans[-1][1] if window + size < len(words) else len(text)
    parts: list[str] = []
    if begin > 0:
        parts.append("… ")
    cursor = begin
    for start, end, hit in spans:
        if not hit:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:finish]))
    if finish < len(text):
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 (every piece escaped)


def _best_window(hits: list[int], count: int, size: int) -> int:
    """Start index of the window of ``size`` words (of ``count``) holding the
    most hits (word indexes)."""
    if not hits:
        return 0
    best_start, best_count = 0, -1
    j = 0
    for i, first in enumerate(hits):
        while j < len(hits) and hits[j] < first + size:
            j += 1
        if j - i > best_count:
            best_count, best_start = j - i, first
    # A little context before the first hit.
    return max(0, min(best_start - 4, count - size))
