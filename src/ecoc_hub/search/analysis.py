"""The one text analyzer: both search engines index and query its tokens.

Pipeline for a passage in language L: Unicode NFKC, case folding, accent
folding (combining marks stripped, plus the letters that do not decompose:
ł, ø, ß, æ, œ, đ, þ), split on word characters (digits kept, underscore a
separator), stop words of L dropped, Snowball stem of L applied. Stemming runs
on the folded word so that a query typed without accents meets the same stem
(see docs/decisions/0002-multilingual-analysis.md).

A query has no language: each query word expands to its stems in every
supported language plus its unstemmed folded form (``expand_word``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import snowballstemmer

# ISO 639-1 code → Snowball algorithm. Every one of these has a stop word list.
# The 18 EU official languages Snowball stems, then the other languages of
# title cities (Norwegian, Serbian, Turkish). Decision 0002.
STEMMERS: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "es": "spanish",
    "pl": "polish",
    "nl": "dutch",
    "pt": "portuguese",
    "fi": "finnish",
    "sv": "swedish",
    "cs": "czech",
    "da": "danish",
    "et": "estonian",
    "el": "greek",
    "hu": "hungarian",
    "ga": "irish",
    "lt": "lithuanian",
    "ro": "romanian",
    "no": "norwegian",
    "sr": "serbian",
    "tr": "turkish",
}
LANGUAGES: tuple[str, ...] = tuple(STEMMERS)
# EU official languages without a Snowball stemmer, and Croatian: their words
# are folded (case, accents) but not stemmed. Shown in the search help.
FOLDING_ONLY: tuple[str, ...] = ("bg", "hr", "lv", "mt", "sk", "sl")
# Codes that name a language stemmed under another code.
_ALIASES = {"nb": "no", "nn": "no"}
MAX_TOKEN_LENGTH = 64

# Longer runs of word characters are cut into several tokens.
_WORD_RE = re.compile(r"[^\W_]{1,64}")
# Combining marks (Latin, Greek, Cyrillic diacritics; Hebrew points; Arabic
# harakat), removed by one regex rather than a loop over characters.
_COMBINING_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# Words in original (unnormalised) text may carry combining marks.
ORIGINAL_WORD_RE = re.compile(
    r"[^\W_]+(?:[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]+[^\W_]*)*"
)
_SPECIAL = {
    "ł": "l",
    "ø": "o",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "\u0131": "i",  # dotless i
    "ħ": "h",
}
# str.translate with a dict is slow on long non-ASCII text; a regex is not.
_SPECIAL_RE = re.compile("[" + "".join(_SPECIAL) + "]")


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language, folded; empty for an unknown language."""
    if language not in STEMMERS:
        return frozenset()
    path = Path(__file__).with_name("stopwords") / f"{language}.txt"
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(fold(word) for word in line.split())
    return frozenset(words)


@functools.cache
def _all_stop_words() -> frozenset[str]:
    return frozenset().union(*(stop_words(language) for language in LANGUAGES))


def fold(text: str) -> str:
    """NFKC, case folding and accent folding of any text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    text = _SPECIAL_RE.sub(lambda match: _SPECIAL[match.group()], text)
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return _COMBINING_RE.sub("", decomposed)


def words(text: str) -> list[str]:
    """Folded words of a text, stop words and stems not applied."""
    return _WORD_RE.findall(fold(text))


def normalise_language(language: str | None) -> str:
    code = (language or "").strip().lower().replace("_", "-").split("-", 1)[0]
    code = _ALIASES.get(code, code)
    return code if code.isalpha() and len(code) <= 3 else ""


@functools.cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of an already folded word; the word itself without a stemmer."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    stemmed = stemmer.stemWord(word)
    return stemmed or word


def analyse_word(word: str, language: str) -> str | None:
    """Token for one folded word in a language, or None for a stop word."""
    if word in stop_words(language):
        return None
    return stem(word, language)


def analyse(text: str, language: str | None) -> list[str]:
    """Tokens of a passage in its language, in order (positions preserved)."""
    language = normalise_language(language)
    stops = stop_words(language)
    stemmer = _stemmer(language)
    if stemmer is None:
        return [w for w in words(text) if w not in stops]
    return [stem(w, language) for w in words(text) if w not in stops]


def original_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of the original text."""
    for match in ORIGINAL_WORD_RE.finditer(text):
        for word in _WORD_RE.findall(fold(match.group())):
            yield match.start(), match.end(), word


@functools.lru_cache(maxsize=200_000)
def word_tokens(original: str, language: str) -> frozenset[str]:
    """Tokens one original word of a passage may match: its analysed tokens
    and its folded parts (cached: snippets look up the same words again)."""
    tokens: set[str] = set()
    for word in _WORD_RE.findall(fold(original)):
        tokens.add(word)
        token = analyse_word(word, language)
        if token:
            tokens.add(token)
    return frozenset(tokens)


def is_stop_word_anywhere(word: str) -> bool:
    """A query word that is a stop word in any language is dropped."""
    return word in _all_stop_words()


def expand_word(word: str, languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Tokens a folded query word can have been indexed as: stems + itself."""
    variants = {word}
    for language in languages:
        if word not in stop_words(language):
            variants.add(stem(word, language))
    return frozenset(variants)


def expand_phrase(
    phrase_words: list[str], languages: tuple[str, ...] = LANGUAGES
) -> frozenset[tuple[str, ...]]:
    """Token sequences a phrase can have been indexed as, one per language.

    Stop words are dropped per language, as the indexer dropped them in
    passages of that language, so "city of culture" still matches.
    """
    variants: set[tuple[str, ...]] = set()
    if phrase_words:
        variants.add(tuple(phrase_words))  # passages in a language without stemmer
    for language in languages:
        tokens = tuple(
            stem(w, language) for w in phrase_words if w not in stop_words(language)
        )
        if tokens:
            variants.add(tokens)
    return frozenset(variants)
