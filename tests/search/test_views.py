from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from lxml import html

from ecoc_hub.search.services import Passage
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db
URL = reverse("search:list")
HTMX = {"HX-Request": "true", "HX-Target": "search-area"}


# PostgreSQL: savepoint, planner setting, the text match, the setting's
# restore, release.
PLANNER_QUERIES = 5 if connection.vendor == "postgresql" else 0


def make_documents(count: int) -> None:
    for number in range(count):
        make_document(
            title=f"Culture report {number}",
            facets={"type": ["report"], "year": ["2020"]},
            passages=[
                Passage(text="culture on page one", locator="page=1", label="p. 1"),
                Passage(
                    text="more culture on page two", locator="page=2", label="p. 2"
                ),
            ],
        )


def test_search_page_without_query_lists_documents_and_the_form(client):
    make_documents(1)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "search/index.html"
    assert response.context["results"].total == 1
    assert b'role="search"' in response.content
    assert b'role="combobox"' in response.content


def test_search_page_shows_hits_with_snippets_and_locator_links(client):
    make_document(
        title="Bid book",
        passages=[
            Passage(
                text="Our audience strategy",
                locator="page=4",
                label="PDF p. 4",
                target_url="/files/1/view#page=4",
            )
        ],
    )

    response = client.get(URL, {"q": "audience"})

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a class="search-locator" href="/files/1/view#page=4">PDF p. 4</a>' in content
    )
    assert "Our <mark>audience</mark> strategy" in content


def test_facets_are_checkboxes_and_selected_values_stay_checked(client):
    make_documents(1)

    response = client.get(URL, {"q": "culture", "type": "report"})

    content = response.content.decode()
    assert (
        '<input type="checkbox" class="facet-input" id="facet-type-report" '
        'name="type" value="report" checked>'
    ) in content


def test_htmx_request_gets_only_the_results_and_facets(client):
    make_documents(1)

    response = client.get(URL, {"q": "culture"}, headers=HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'class="search-facets"' in content
    assert 'class="search-hits"' in content


def test_visitor_page_does_not_show_members_only_documents(client, member):
    make_document(title="Secret plan", text="culture", access="members")
    make_document(title="Open plan", text="culture")

    response = client.get(URL, {"q": "culture"})

    assert [h.title for h in response.context["results"].hits] == ["Open plan"]
    assert b"Secret plan" not in response.content


def test_member_page_shows_members_only_documents(member_client):
    make_document(title="Secret plan", text="culture", access="members")

    response = member_client.get(URL, {"q": "culture"})

    assert [h.title for h in response.context["results"].hits] == ["Secret plan"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"'},
        {"q": "-"},
        {"q": "x" * 10_000},
        {"q": "culture", "page": "abc"},
        {"q": "culture", "page": "-3"},
        {"q": "culture", "page": "999999999999"},
        {"q": "culture", "sort": "; DROP"},
        {"q": "culture", "year_from": "zzz", "year_to": "99999"},
        {"q": "culture", "type": "x" * 1000},
        {"q": "\x00"},
        {"q": "culture", "type": "bid\x00book"},
        {"q": "culture", "year_from": "\x00"},
    ],
)
def test_bad_parameters_never_break_the_page(client, params):
    make_documents(1)

    response = client.get(URL, params)

    assert response.status_code == 200


def test_years_given_in_reverse_order_are_swapped(client):
    make_documents(1)

    response = client.get(URL, {"year_from": "2030", "year_to": "2010"})

    assert response.context["results"].total == 1


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_does_not_grow_with_hits(
    client, django_assert_num_queries, count
):
    make_documents(count)

    # the index generation and the cached counts (search/facetcache.py),
    # total and facets, page of ids, documents, best passages
    with django_assert_num_queries(6 + PLANNER_QUERIES):
        response = client.get(URL, {"q": "culture"})

    assert len(response.context["results"].hits) == count


@pytest.mark.parametrize("count", [1, 3])
def test_member_search_page_query_count_does_not_grow_with_hits(
    member_client, django_assert_num_queries, count
):
    make_documents(count)

    # session, user, groups, the member's teams and grants (the access rule:
    # the discussions of the events and courses they take part in), then
    # the six search queries
    with django_assert_num_queries(11 + PLANNER_QUERIES):
        response = member_client.get(URL, {"q": "culture"})

    assert len(response.context["results"].hits) == count


def test_suggest_returns_listbox_options(client):
    make_document(title="Oulu <2026> bid", url="/library/1/")

    response = client.get(reverse("search:suggest"), {"q": "oulu"})

    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<li role="option" id="search-suggestion-1" aria-selected="false" '
        'class="search-suggestion" data-href="/library/1/">'
        "Oulu &lt;2026&gt; bid</li>"
    )


def test_suggest_can_be_limited_to_kinds(client):
    make_document(title="Oulu episode", kind="podcasts.episode")
    make_document(title="Oulu resource", kind="library.resource")

    response = client.get(
        reverse("search:suggest"), {"q": "oulu", "kind": "library.resource"}
    )

    assert [s.title for s in response.context["suggestions"]] == ["Oulu resource"]


def test_suggest_hides_members_only_titles_from_visitors(client):
    make_document(title="Oulu internal", access="members")

    response = client.get(reverse("search:suggest"), {"q": "oulu"})

    assert response.content.decode().strip() == ""


def test_a_nul_in_a_facet_value_is_ignored_instead_of_failing(client):
    make_documents(1)

    response = client.get(URL, {"type": "report\x00", "q": "culture"})

    assert response.status_code == 200
    assert response.context["results"].total == 1


def test_filters_open_from_a_disclosure_that_counts_the_active_filters(client):
    make_documents(1)

    response = client.get(
        URL, {"q": "culture", "type": ["report", "guide"], "year_from": "2019"}
    )

    document = html.fromstring(response.content)
    (details,) = document.xpath('//details[@id="search-filters"]')
    assert (details.get("open"), details.xpath("./summary")[0].text_content()) == (
        None,
        "Filter (3)",
    )
    # The results come after the one-line disclosure, the facets inside it.
    assert document.xpath('//details[@id="search-filters"]//aside//fieldset/legend')
    assert details.getnext().get("class") == "search-results"


def test_without_filters_the_disclosure_says_filter(client):
    make_documents(1)

    response = client.get(URL, {"q": "culture"})

    document = html.fromstring(response.content)
    assert document.xpath('//details[@id="search-filters"]/summary/text()') == [
        "Filter"
    ]


def test_a_query_typed_on_a_listing_is_ranked_by_relevance(client):
    make_documents(1)

    listing = client.get(URL).content.decode()
    sorts = [client.get(URL, q).context["results"].sort for q in ({"q": "x"}, {})]

    assert sorts == ["relevance", "relevance"]
    assert '<option value="relevance" selected>' in listing
