"""The search box in the header of every page, and the home page's own
(issue 9, point 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import html

pytestmark = pytest.mark.django_db

PAGES = [
    "home",
    "library:list",
    "podcasts:list",
    "cities:list",
    "search:list",
    "about",
    "account_login",
]


@pytest.mark.parametrize("url_name", PAGES)
def test_every_page_has_the_site_search_in_its_header(client, url_name):
    response = client.get(reverse(url_name))

    document = html.fromstring(response.content)
    (form,) = document.xpath('//header//form[@role="search"]')
    (field,) = form.xpath(".//input")
    label = document.xpath(f'//label[@for="{field.get("id")}"]')[0]
    assert (form.get("action"), form.get("method"), form.get("aria-label")) == (
        "/search/",
        "get",
        "Site search",
    )
    assert (field.get("name"), field.get("type"), label.text_content()) == (
        "q",
        "search",
        "Search ECoC Hub",
    )
    assert form.xpath('.//button[@type="submit"]')[0].text_content().strip() == (
        "Search"
    )


def test_the_german_search_button_says_suchen(client):
    client.cookies["ecoc_hub_language"] = "de"

    response = client.get(reverse("home"))

    document = html.fromstring(response.content)
    buttons = document.xpath('//form[@role="search"]//button[@type="submit"]')
    assert [button.text_content().strip() for button in buttons] == [
        "Suchen",
        "Suchen",
    ]


def test_the_home_page_has_a_prominent_search_box(client):
    response = client.get(reverse("home"))

    document = html.fromstring(response.content)
    (form,) = document.xpath('//main//form[@role="search"]')
    assert (form.get("action"), form.xpath(".//input/@name")) == ("/search/", ["q"])
    assert form.xpath(".//label")[0].text_content() == (
        "Search bid books, reports, toolkits and podcast episodes"
    )


def test_a_query_from_the_header_lands_on_the_results(client):
    response = client.get(reverse("search:list"), {"q": "anything"})

    assert (response.status_code, response.context["results"].query) == (
        200,
        "anything",
    )
