from __future__ import annotations

from django.http import QueryDict

from ecoc_hub.search.params import (
    FACETS,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_FACET,
    SITE_FACETS,
    SearchParams,
    int_or_none,
)


def parsed(query_string: str, **kwargs) -> SearchParams:
    return SearchParams.from_query(QueryDict(query_string), **kwargs)


def test_nothing_given_is_the_listing_of_everything():
    assert parsed("") == SearchParams(
        query="", sort="relevance", filters={}, year_from=None, year_to=None, page=1
    )
    assert (parsed("").is_search, parsed("").active_filters) == (False, 0)


def test_the_sort_is_relevance_unless_another_sort_is_asked_for():
    assert (
        parsed("q=tourism").sort,
        parsed("").sort,
        parsed("q=tourism&sort=title").sort,
    ) == ("relevance", "relevance", "title")


def test_an_unknown_sort_falls_back_to_the_default():
    assert (parsed("sort=random").sort, parsed("q=x&sort=").sort) == (
        "relevance",
        "relevance",
    )


def test_an_over_long_query_is_cut_and_nul_characters_dropped():
    params = parsed("q=" + "a\x00" * 300 + "b" * MAX_QUERY_LENGTH)

    assert len(params.query) == MAX_QUERY_LENGTH
    assert "\x00" not in params.query


def test_facet_values_are_cut_deduplicated_and_limited_per_facet():
    values = "&".join(f"type=t{n}" for n in range(MAX_VALUES_PER_FACET + 15))
    params = parsed(
        f"{values}&type=t0&type=&type=bad%00value&city=" + "x" * 300,
    )

    assert params.filters["type"] == tuple(f"t{n}" for n in range(MAX_VALUES_PER_FACET))
    assert params.filters["city"] == ("x" * MAX_VALUE_LENGTH,)


def test_facets_the_page_does_not_offer_are_ignored():
    library = parsed("kind=podcasts.episode&type=guide&colour=red")
    site = parsed("kind=podcasts.episode&type=guide", facets=SITE_FACETS)

    assert dict(library.filters) == {"type": ("guide",)}
    assert dict(site.filters) == {"kind": ("podcasts.episode",), "type": ("guide",)}


def test_years_out_of_range_or_not_numbers_are_ignored_and_a_reversed_range_swapped():
    assert (parsed("year_from=abc&year_to=99999").year_range,) == (None,)
    assert parsed("year_from=2020&year_to=2010").year_range == (2010, 2020)
    assert parsed("year_to=2010").year_range == (None, 2010)


def test_the_page_is_a_positive_number_within_bounds():
    assert [
        parsed(f"page={page}").page for page in ("0", "-3", "x", "7", "10" * 20)
    ] == [1, 1, 1, 7, MAX_PAGE]


def test_active_filters_count_facet_values_and_year_bounds():
    params = parsed("q=x&type=guide&type=report&city=Oulu&year_from=2000")

    assert (params.active_filters, params.is_search) == (4, True)


def test_a_plain_mapping_reads_like_a_query_dict():
    assert SearchParams.from_query(
        {"q": " culture ", "type": ["guide", "report"], "page": 2}
    ) == SearchParams(
        query="culture",
        sort="relevance",
        filters={"type": ("guide", "report")},
        page=2,
    )


def test_parameters_round_trip_without_page_and_default_sort():
    params = parsed("page=3&sort=relevance&year_to=2020&q=x&licence=cc-by&type=guide")

    assert params.as_params() == [
        ("q", "x"),
        ("type", "guide"),
        ("licence", "cc-by"),
        ("year_to", "2020"),
    ]
    assert parsed("q=x&sort=title").as_params(sort=True) == [
        ("q", "x"),
        ("sort", "title"),
    ]
    assert SearchParams.from_query(QueryDict(mutable=True)) == parsed("")


def test_int_or_none_reads_integers_only():
    assert [int_or_none(v) for v in (None, "", " 12 ", "1.5", "x", 3)] == [
        None,
        None,
        12,
        None,
        None,
        3,
    ]


def test_the_facet_names_are_defined_once_for_every_reader():
    from ecoc_hub.library import librarysearch
    from ecoc_hub.library.views import browse
    from ecoc_hub.search import queries

    assert (browse.FACETS is FACETS, librarysearch.FACETS is FACETS) == (True, True)
    default = queries.DEFAULT_FACETS
    assert default == [*FACETS, "access"]
