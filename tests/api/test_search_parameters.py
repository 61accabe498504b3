"""One parser for search parameters: the same address means the same search
on the library's page, its feeds, its exports and the REST API (issue 10,
section 4)."""

from __future__ import annotations

import csv
import io

import feedparser
import pytest
from django.utils.http import urlencode

from ecoc_hub.search.params import MAX_QUERY_LENGTH, MAX_VALUES_PER_FACET

from .conftest import deposit

pytestmark = pytest.mark.django_db

# Words past the query limit, values past the per-facet limit, NUL
# characters, an unknown facet and a reversed year range: every reader cuts,
# drops and swaps them the same way.
OVERSIZED = [
    ("q", "volunteering" + " " * MAX_QUERY_LENGTH + "unfindable"),
    ("type", "toolkit"),
    *[("type", f"nothing{n}") for n in range(MAX_VALUES_PER_FACET - 1)],
    ("type", "bid_book"),  # past the limit: ignored
    ("language", "en\x00"),
    ("colour", "red"),
    ("year_from", "2030"),
    ("year_to", "2000"),
]


@pytest.fixture
def resources(member, curator):
    deposit(owner=member, curator=curator, title="Volunteering toolkit")
    deposit(
        owner=member,
        curator=curator,
        title="Volunteering bid book",
        resource_type="bid_book",
    )
    deposit(owner=member, curator=curator, title="Audience toolkit")
    deposit(owner=member, curator=curator, title="Volunteering old toolkit", year=1990)


def page_titles(client, params) -> list[str]:
    response = client.get("/library/?" + urlencode(params), follow=True)
    assert response.status_code == 200
    return sorted(hit.title for hit in response.context["results"].hits)


def feed_titles(client, params) -> list[str]:
    response = client.get("/library/feeds/search.atom?" + urlencode(params))
    assert response.status_code == 200
    return sorted(entry.title for entry in feedparser.parse(response.content).entries)


def export_titles(client, params) -> list[str]:
    response = client.get("/library/export/csv?" + urlencode(params))
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    return sorted(row["title"] for row in rows)


def api_titles(client, params) -> list[str]:
    response = client.get("/api/v1/resources?" + urlencode(params))
    assert response.status_code == 200, response.content
    return sorted(r["title"] for r in response.json()["results"])


def test_oversized_input_means_the_same_search_on_page_feed_export_and_api(
    client, resources
):
    expected = ["Volunteering toolkit"]

    assert {
        "page": page_titles(client, OVERSIZED),
        "feed": feed_titles(client, OVERSIZED),
        "export": export_titles(client, OVERSIZED),
        "api": api_titles(client, OVERSIZED),
    } == {"page": expected, "feed": expected, "export": expected, "api": expected}


def test_the_api_reports_the_facets_of_the_same_cut_selection(client, resources):
    response = client.get("/api/v1/resources?" + urlencode(OVERSIZED))

    selected = [v["value"] for v in response.json()["facets"]["type"] if v["selected"]]
    assert sorted(selected) == sorted(
        ["toolkit", *[f"nothing{n}" for n in range(MAX_VALUES_PER_FACET - 1)]]
    )


@pytest.mark.parametrize(
    "garbage",
    [{"year_from": "abc"}, {"year_to": "99999"}, {"sort": "random"}],
)
def test_a_wrongly_typed_value_is_ignored_by_pages_and_feeds_and_refused_by_the_api(
    client, resources, garbage
):
    params = {"q": "volunteering", "type": "toolkit", **garbage}
    expected = ["Volunteering old toolkit", "Volunteering toolkit"]

    response = client.get("/api/v1/resources?" + urlencode(params))

    assert (page_titles(client, params), feed_titles(client, params)) == (
        expected,
        expected,
    )
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["errors"]] == list(garbage)
