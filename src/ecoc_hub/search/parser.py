"""The query language: words (AND), "phrases", -exclusion, a OR b.

Any input parses: unbalanced quotes close at the end, a lone "-" or "OR" is
ignored, engine syntax characters are not word characters and disappear in
analysis, and the query is cut to ``MAX_QUERY_LENGTH`` characters and
``MAX_ITEMS`` terms. The result holds analysed tokens only; the backends
quote every token, so nothing from the user reaches an engine's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import analysis
from .params import MAX_QUERY_LENGTH

MAX_ITEMS = 24
MAX_PHRASE_WORDS = 12


@dataclass(frozen=True)
class Leaf:
    """One query term or phrase: the token sequences it may match."""

    text: str
    alternatives: frozenset[tuple[str, ...]]

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(t for alt in self.alternatives for t in alt)


@dataclass
class ParsedQuery:
    # Each group is a list of leaves OR-ed together; groups are AND-ed.
    groups: list[list[Leaf]] = field(default_factory=list)
    excluded: list[Leaf] = field(default_factory=list)

    @property
    def has_terms(self) -> bool:
        return bool(self.groups)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    @property
    def positive_leaves(self) -> list[Leaf]:
        return [leaf for group in self.groups for leaf in group]

    @property
    def highlight_tokens(self) -> frozenset[str]:
        return frozenset(t for leaf in self.positive_leaves for t in leaf.tokens)


@dataclass(frozen=True)
class _Item:
    text: str
    negated: bool
    phrase: bool


_OR = object()


def _scan(query: str) -> list[_Item | object]:
    items: list[_Item | object] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
            continue
        negated = False
        if char in "-+":
            negated = char == "-"
            i += 1
            if i >= n or query[i].isspace():
                continue  # a lone operator means nothing
            char = query[i]
        if char == '"':
            end = query.find('"', i + 1)
            end = n if end == -1 else end
            items.append(_Item(query[i + 1 : end], negated, phrase=True))
            i = end + 1
            continue
        start = i
        while i < n and not query[i].isspace() and query[i] != '"':
            i += 1
        text = query[start:i]
        if text == "OR" and not negated:
            items.append(_OR)
        else:
            items.append(_Item(text, negated, phrase=False))
    return items


def _leaf(item: _Item) -> Leaf | None:
    item_words = analysis.words(item.text)[:MAX_PHRASE_WORDS]
    if not item_words:
        return None
    if len(item_words) == 1 and not item.phrase:
        word = item_words[0]
        if analysis.is_stop_word_anywhere(word):
            return None
        alternatives: frozenset[tuple[str, ...]] = frozenset(
            (v,) for v in analysis.expand_word(word)
        )
    else:
        alternatives = analysis.expand_phrase(item_words)
    if not alternatives:
        return None
    return Leaf(text=item.text.strip(), alternatives=alternatives)


def parse(query: str | None) -> ParsedQuery:
    parsed = ParsedQuery()
    scanned = _scan((query or "")[:MAX_QUERY_LENGTH])
    join_next = False
    last_positive = False
    count = 0
    for entry in scanned:
        if entry is _OR:
            join_next = last_positive
            continue
        if not isinstance(entry, _Item):
            continue
        leaf = _leaf(entry)
        if leaf is None:
            continue
        count += 1
        if count > MAX_ITEMS:
            break
        if entry.negated:
            parsed.excluded.append(leaf)
        elif join_next:
            parsed.groups[-1].append(leaf)
        else:
            parsed.groups.append([leaf])
        join_next = False
        last_positive = not entry.negated
    return parsed
