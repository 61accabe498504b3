from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from ecoc_hub.search.queries import FacetCount, search, suggest_titles
from ecoc_hub.search.services import Passage
from tests.factories import MembershipFactory, OrganisationFactory
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()


def titles(results):
    return [hit.title for hit in results.hits]


def found(query, user=VISITOR, **kwargs):
    return sorted(titles(search(query, user=user, per_page=100, **kwargs)))


# Multilingual matching ---------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("fr", "Les villes européennes de la culture", "ville"),
        ("fr", "Une programmation culturelle ambitieuse", "culturels"),
        ("de", "Die Städte der Kulturhauptstadt", "Stadt"),
        ("de", "Die Kulturen Europas", "Kultur"),
        ("it", "Le capitali europee della cultura", "europea"),
        ("it", "Un programma culturale", "culturali"),
        ("es", "Los espacios públicos de la ciudad", "público"),
        ("es", "Programas culturales", "cultural"),
        ("pl", "Europejska Stolica Kultury w miastach", "miasto"),
        ("pl", "Dziedzictwo i książki", "dziedzictwem"),
        ("pl", "Program stolic europejskich i wydarzeniach", "wydarzenie"),
    ],
)
def test_inflected_form_finds_document_in_its_language(language, text, query):
    make_document(title="Target", language=language, text=text)
    make_document(title="Other", language="en", text="Nothing related here")

    assert found(query) == ["Target"]


def test_accents_are_folded_both_ways():
    make_document(title="Accented", language="fr", text="Création et médiation")
    make_document(title="Plain", language="fr", text="creation et mediation")

    assert found("création") == ["Accented", "Plain"]
    assert found("mediation") == ["Accented", "Plain"]


def test_stop_words_in_the_query_do_not_prevent_a_match():
    make_document(title="Target", language="en", text="The legacy of the capital")

    assert found("the legacy of") == ["Target"]


# Query semantics ---------------------------------------------------------


@pytest.fixture
def corpus(db):
    make_document(title="A", text="audience development and digital programming")
    make_document(title="B", text="programming for a digital audience")
    make_document(title="C", text="tourism and audience growth")
    make_document(title="D", text="legacy planning for visitors")


def test_words_must_all_match(corpus):
    assert found("audience digital") == ["A", "B"]


def test_words_may_match_in_different_passages_of_a_document(db):
    make_document(
        title="Split",
        passages=[Passage(text="audience first"), Passage(text="legacy later")],
    )

    assert found("audience legacy") == ["Split"]


def test_phrase_requires_adjacent_words_in_order(corpus):
    assert found('"digital programming"') == ["A"]


def test_exclusion_removes_documents_with_the_word(corpus):
    assert found("audience -tourism") == ["A", "B"]


def test_excluded_phrase_removes_only_documents_with_the_phrase(corpus):
    assert found('audience -"digital audience"') == ["A", "C"]


def test_or_matches_either_side(corpus):
    assert found("tourism OR visitors") == ["C", "D"]


def test_or_group_is_anded_with_other_words(corpus):
    assert found("audience tourism OR digital") == ["A", "B", "C"]
    assert found("growth tourism OR digital") == ["C"]


def test_exclusion_only_query_lists_everything_else(corpus):
    assert found("-audience") == ["D"]


def test_empty_query_lists_every_visible_document(corpus):
    assert found("") == ["A", "B", "C", "D"]


def test_title_is_searchable_and_ranks_above_body(db):
    make_document(title="Body", text="a guide mentioning festivals once")
    make_document(title="Festivals handbook", text="a guide")

    assert titles(search("festival", user=VISITOR)) == ["Festivals handbook", "Body"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "-",
        "OR",
        "NEAR(a b)",
        "col:value",
        "a* ^b",
        "'; DROP TABLE search_searchdocument; --",
        '"unbalanced',
        "\x00",
        "x" * 5000,
        " ".join(["audience"] * 400),
        "(audience) AND (digital)",
    ],
)
def test_nasty_queries_return_results_without_error(corpus, query):
    results = search(query, user=VISITOR)

    assert results.total >= 0


# Access ------------------------------------------------------------------


@pytest.fixture
def access_corpus(db):
    team = OrganisationFactory()
    other = OrganisationFactory()
    make_document(title="Public", text="capital report", facets={"type": ["report"]})
    make_document(
        title="Members",
        text="capital report",
        access="members",
        facets={"type": ["guide"]},
    )
    make_document(
        title="Restricted",
        text="capital report",
        access="restricted",
        allowed_organisation_ids=[team.pk],
        facets={"type": ["bid_book"]},
    )
    make_document(
        title="Other team",
        text="capital report",
        access="restricted",
        allowed_organisation_ids=[other.pk],
        facets={"type": ["bid_book"]},
    )
    return team


def test_visitor_sees_and_counts_only_public_documents(access_corpus):
    results = search("capital", user=VISITOR, facet_names=["type"])

    assert titles(results) == ["Public"]
    assert results.total == 1
    assert results.facets == {"type": [FacetCount("report", 1, False, "report")]}


def test_member_sees_members_documents_but_not_restricted_ones(access_corpus, member):
    results = search("capital", user=member, facet_names=["type"], sort="title")

    assert titles(results) == ["Members", "Public"]
    assert [(f.value, f.count) for f in results.facets["type"]] == [
        ("guide", 1),
        ("report", 1),
    ]


def test_team_member_sees_documents_restricted_to_their_team(access_corpus, member):
    MembershipFactory(user=member, organisation=access_corpus)

    results = search("capital", user=member, facet_names=["type"], sort="title")

    assert titles(results) == ["Members", "Public", "Restricted"]
    assert [(f.value, f.count) for f in results.facets["type"]] == [
        ("bid_book", 1),
        ("guide", 1),
        ("report", 1),
    ]


def test_curator_sees_everything(access_corpus, curator):
    results = search("capital", user=curator, sort="title")

    assert titles(results) == ["Members", "Other team", "Public", "Restricted"]


def test_suggestions_respect_access(access_corpus, member):
    assert [s.title for s in suggest_titles("pub", user=VISITOR)] == ["Public"]
    assert [s.title for s in suggest_titles("mem", user=VISITOR)] == []
    assert [s.title for s in suggest_titles("mem", user=member)] == ["Members"]
    assert [s.title for s in suggest_titles("res", user=member)] == []


# Facets, filters, sorting, pagination -------------------------------------


@pytest.fixture
def faceted(db):
    make_document(
        title="Oulu bid",
        text="culture",
        published=dt.date(2019, 5, 1),
        popularity=5,
        facets={"type": ["bid_book"], "language": ["en", "fi"], "year": ["2019"]},
    )
    make_document(
        title="Kaunas guide",
        text="culture",
        published=dt.date(2022, 5, 1),
        popularity=50,
        facets={"type": ["guide"], "language": ["en", "lt"], "year": ["2022"]},
    )
    make_document(
        title="Aarhus report",
        text="culture",
        published=dt.date(2017, 5, 1),
        popularity=1,
        facets={"type": ["report"], "language": ["da"], "year": ["2017"]},
    )


def test_facet_counts_cover_the_matching_set(faceted):
    results = search("culture", user=VISITOR, facet_names=["type", "language"])

    assert results.facets["language"] == [
        FacetCount("en", 2, False, "English"),
        FacetCount("da", 1, False, "Danish"),
        FacetCount("fi", 1, False, "Finnish"),
        FacetCount("lt", 1, False, "Lithuanian"),
    ]


def test_filters_are_or_within_a_facet_and_and_across_facets(faceted):
    assert found("culture", filters={"type": ["bid_book", "guide"]}) == [
        "Kaunas guide",
        "Oulu bid",
    ]
    assert found(
        "culture", filters={"type": ["bid_book", "guide"], "language": ["lt"]}
    ) == ["Kaunas guide"]


def test_selected_facet_counts_ignore_their_own_selection(faceted):
    results = search(
        "culture",
        user=VISITOR,
        filters={"type": ["guide"]},
        facet_names=["type", "year"],
    )

    assert [(f.value, f.count, f.selected) for f in results.facets["type"]] == [
        ("bid_book", 1, False),
        ("guide", 1, True),
        ("report", 1, False),
    ]
    assert [(f.value, f.count) for f in results.facets["year"]] == [("2022", 1)]


def test_year_range_filters_on_the_published_year(faceted):
    assert found("culture", year_range=(2018, 2020)) == ["Oulu bid"]
    assert found("culture", year_range=(2018, None)) == ["Kaunas guide", "Oulu bid"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["Kaunas guide", "Oulu bid", "Aarhus report"]),
        ("title", ["Aarhus report", "Kaunas guide", "Oulu bid"]),
        ("popular", ["Kaunas guide", "Oulu bid", "Aarhus report"]),
    ],
)
def test_sorts(faceted, sort, expected):
    assert titles(search("culture", user=VISITOR, sort=sort)) == expected


def test_pagination_splits_hits_and_clamps_the_page(faceted):
    second = search("culture", user=VISITOR, sort="title", per_page=2, page=2)
    beyond = search("culture", user=VISITOR, sort="title", per_page=2, page=99)

    assert (titles(second), second.page, second.num_pages) == (["Oulu bid"], 2, 2)
    assert (titles(beyond), beyond.page) == (["Oulu bid"], 2)


def test_kinds_limit_the_search(db):
    make_document(title="Thing", kind="tests.thing", text="culture")
    make_document(title="Episode", kind="tests.episode", text="culture")

    assert found("culture", kinds=["tests.episode"]) == ["Episode"]
    assert found("culture", kinds=[]) == []


# Snippets ------------------------------------------------------------------


def test_snippet_marks_matched_words_with_their_original_form(db):
    make_document(
        language="fr",
        passages=[
            Passage(
                text="Les villes européennes et leurs Villes jumelles",
                language="fr",
                locator="page=3",
                label="p. 3",
                target_url="/file#page=3",
            )
        ],
    )

    hit = search("ville", user=VISITOR).hits[0]

    assert [
        (p.snippet_html, p.locator, p.label, p.target_url) for p in hit.passages
    ] == [
        (
            "Les <mark>villes</mark> européennes et leurs <mark>Villes</mark> jumelles",
            "page=3",
            "p. 3",
            "/file#page=3",
        )
    ]


def test_snippet_escapes_html_in_the_passage(db):
    make_document(text='<script>alert("x")</script> culture & <b>audience</b>')

    snippet = search("audience", user=VISITOR).hits[0].passages[0].snippet_html

    assert snippet == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; culture &amp; "
        "&lt;b&gt;<mark>audience</mark>&lt;/b&gt;"
    )


def test_long_passage_snippet_is_a_window_around_the_matches(db):
    words = [f"filler{i}" for i in range(200)]
    words[120] = "legacy"
    make_document(text=" ".join(words))

    snippet = search("legacy", user=VISITOR).hits[0].passages[0].snippet_html

    assert snippet.startswith("… filler116 ") is True
    assert "<mark>legacy</mark>" in snippet
    assert snippet.endswith(" …") is True


def test_best_three_passages_are_kept_per_document(db):
    make_document(
        passages=[
            Passage(text=f"culture page {i}", locator=f"page={i}") for i in range(6)
        ]
    )

    hit = search("culture", user=VISITOR).hits[0]

    assert len(hit.passages) == 3


# Suggestions ---------------------------------------------------------------


def test_suggestions_match_word_prefixes_in_titles(db):
    make_document(title="Bid book of Oulu 2026", popularity=3)
    make_document(title="Oulu evaluation", popularity=9)
    make_document(title="Kaunas bid book")

    assert [s.title for s in suggest_titles("oul", user=VISITOR)] == [
        "Oulu evaluation",
        "Bid book of Oulu 2026",
    ]
    assert [s.title for s in suggest_titles("o", user=VISITOR)] == []


def test_facet_limit_keeps_the_most_frequent_and_the_selected_values(db):
    for number in range(4):
        make_document(text="culture", facets={"city": [f"c{number}", "common"]})

    results = search(
        "culture",
        user=VISITOR,
        facet_names=["city"],
        filters={"city": ["c3"]},
        facet_limit=2,
    )

    assert [(f.value, f.count, f.selected) for f in results.facets["city"]] == [
        ("common", 4, False),
        ("c0", 1, False),
        ("c3", 1, True),
    ]


def test_documents_are_ranked_by_their_words_across_all_passages(db):
    make_document(
        title="Spread",
        passages=[Passage(text="audience " * 5), Passage(text="legacy " * 5)],
    )
    make_document(title="Once", text="audience and legacy")
    make_document(title="Other", text="nothing")

    first = search("audience legacy", user=VISITOR, per_page=1, page=1)
    second = search("audience legacy", user=VISITOR, per_page=1, page=2)

    assert (titles(first), titles(second), first.total) == (["Spread"], ["Once"], 2)


def test_a_rare_word_weighs_more_than_a_common_one(db):
    for number in range(6):
        make_document(title=f"Common {number}", text="festival " * 3)
    make_document(title="Rare", text="festival zeppelin")

    results = search("festival OR zeppelin", user=VISITOR, per_page=1)

    assert (titles(results), results.total) == (["Rare"], 7)


def test_large_result_sets_rank_by_the_most_frequent_words(db, monkeypatch):
    from ecoc_hub.search.backends import backend

    # Every result set counts as large (PostgreSQL ranks it from the small
    # ranking vectors; SQLite ranks every size the same way).
    monkeypatch.setattr(type(backend()), "exact_rank_limit", 0)
    filler = " ".join(f"word{n}x " * 3 for n in range(60))
    make_document(title="Mention", text=f"{filler} archive")
    make_document(title="Frequent", text="archive " * 8)
    make_document(title="Other", text="nothing")

    results = search("archive", user=VISITOR)

    assert titles(results) == ["Frequent", "Mention"]


def test_passages_holding_every_word_are_shown_first_then_in_page_order(db):
    make_document(
        passages=[
            Passage(text=text, locator=f"page={n}", label=f"p. {n}")
            for n, text in enumerate(
                ["alpha report", "beta report", "alpha and beta", "beta again"], 1
            )
        ]
    )

    hit = search("alpha beta", user=VISITOR).hits[0]

    assert [p.locator for p in hit.passages] == ["page=3", "page=1", "page=2"]
