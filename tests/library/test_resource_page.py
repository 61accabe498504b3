"""What a person reads on a resource page: names, never codes or reprs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ecoc_hub.cities.models import Title
from ecoc_hub.library import services
from ecoc_hub.library.models import ResourceVersion
from ecoc_hub.search import queries

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


@pytest.mark.parametrize(
    ("language", "term", "names"),
    [
        ("en", "Countries", "Finland, Ukraine"),
        ("fr", "Pays", "Finlande, Ukraine"),
        ("de", "Länder", "Finnland, Ukraine"),
    ],
)
def test_resource_page_names_its_countries(
    client, member, curator, language, term, names
):
    resource = make_resource(owner=member, curator=curator, countries=["FI", "UA"])
    client.cookies["ecoc_hub_language"] = language

    page = client.get(resource.get_absolute_url()).content.decode()

    assert _definition(page, term) == names


@pytest.mark.parametrize(
    ("language", "fields"),
    [
        ("en", "Publication year, type"),
        ("fr", "Année de publication, type"),
        ("de", "Erscheinungsjahr, Typ"),
    ],
)
def test_history_names_the_changed_fields(
    curator_client, member, curator, language, fields
):
    resource = make_resource(owner=member, curator=curator)
    version = services.update_metadata(
        resource=resource,
        editor=curator,
        values={"publication_year": 2020, "resource_type": "guide"},
    )
    ResourceVersion.objects.filter(pk=version.pk).update(
        created_at=dt.datetime(2026, 12, 1, 19, 38, tzinfo=dt.UTC)
    )
    curator_client.cookies["ecoc_hub_language"] = language

    page = curator_client.get(resource.get_absolute_url()).content.decode()

    when = {
        "en": "1 Dec 2026, 20:38",
        "fr": "1 déc. 2026, 20:38",
        "de": "01.12.2026, 20:38",
    }[language]
    expected = f"Version {version.number}, {when} (Cora Curator): {fields}</li>"
    assert expected in page


def test_search_finds_a_resource_by_its_citys_name_in_another_language(
    client, member, curator
):
    resource = make_resource(owner=member, curator=curator, title="Harbour festival")
    services.update_metadata(
        resource=resource,
        editor=curator,
        titles=list(Title.objects.filter(city__name="Lisbon", year=1994)),
    )

    found = {
        word: [hit.title for hit in queries.search(word, user=None).hits]
        for word in ["Lissabon", "Lisbonne", "Lisbon"]
    }

    assert found == {word: ["Harbour festival"] for word in found}
