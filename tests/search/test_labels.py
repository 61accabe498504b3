"""Facet values and result cards read as names, never as raw values."""

from __future__ import annotations

from django.utils import translation

from ecoc_hub.search import queries


def _labels(results, facet):
    groups = {group.name: group.values for group in results.facet_groups}
    return {value.value: value.label for value in groups[facet]}


def test_type_facet_names_episodes_and_resources_alike(index_doc):
    index_doc(kind="podcasts.episode", facets={"type": ["podcast_episode"]})
    index_doc(kind="library.resource", facets={"type": ["case_study"]})

    results = queries.search("", user=None)

    assert _labels(results, "type") == {
        "podcast_episode": "Podcast episode",
        "case_study": "Case study",
    }


def test_country_facet_names_countries_in_the_readers_language(index_doc):
    index_doc(facets={"country": ["BE", "UA"]})

    with translation.override("de"):
        results = queries.search("", user=None)
        labels = _labels(results, "country")

    assert labels == {"BE": "Belgien", "UA": "Ukraine"}


def test_city_facet_names_cities_in_the_readers_language(index_doc):
    index_doc(facets={"city": ["brussels-be", "lisbon-pt"]})

    with translation.override("fr"):
        labels = _labels(queries.search("", user=None), "city")

    assert labels == {"brussels-be": "Bruxelles", "lisbon-pt": "Lisbonne"}


def test_a_card_names_the_hits_type_not_its_kind(index_doc):
    index_doc(kind="library.resource", title="Guide", facets={"type": ["guide"]})
    index_doc(
        kind="podcasts.episode", title="Episode", facets={"type": ["podcast_episode"]}
    )
    index_doc(kind="library.resource", title="Untyped")

    hits = queries.search("", user=None, sort="title").hits

    assert [(hit.title, hit.type_label) for hit in hits] == [
        ("Episode", "Podcast episode"),
        ("Guide", "Guide"),
        ("Untyped", "Library resource"),
    ]


def test_the_german_search_button_says_suchen(client, db):
    client.cookies["ecoc_hub_language"] = "de"

    page = client.get("/search/").content.decode()

    assert '<button type="submit">Suchen</button>' in page
