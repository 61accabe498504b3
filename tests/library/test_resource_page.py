"""What a person reads on a resource page: names, never codes or reprs."""

from __future__ import annotations

import re

import pytest

from .conftest import make_resource


def _definition(page: str, term: str) -> str:
    match = re.search(rf"<dt>{re.escape(term)}</dt><dd>(.*?)</dd>", page, re.S)
    assert match, f"no {term!r} entry on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.parametrize(
    ("language", "term", "names"),
    [
        ("en", "Languages", "English, French"),
        ("fr", "Langues", "Anglais, Français"),
        ("de", "Sprachen", "Englisch, Französisch"),
    ],
)
def test_resource_page_names_its_languages_in_the_readers_language(
    client, member, curator, language, term, names
):
    resource = make_resource(owner=member, curator=curator, languages=["en", "fr"])
    client.cookies["ecoc_hub_language"] = language

    page = client.get(resource.get_absolute_url()).content.decode()

    assert _definition(page, term) == names
    assert "{&#x27;bidi&#x27;" not in page
