from __future__ import annotations

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree, html

from .conftest import deposit

SITE = "https://hub.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def test_atom_feed_of_new_resources(client, published):
    response, feed = _feed(client, "/library/feeds/new.atom")

    entry = feed.entries[0]
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert (feed.bozo, feed.version) == (False, "atom10")
    assert feed.feed.title == "ECoC Hub library: new resources"
    assert (entry.title, entry.link, entry.id, entry.author) == (
        "Audience development toolkit",
        SITE + published.get_absolute_url(),
        f"urn:uuid:{published.uuid}",
        "Ada Author",
    )
    assert [tag.term for tag in entry.tags] == [
        "Toolkit",
        "Long-term cultural strategy",
    ]


def test_rss_feed_of_new_resources_lists_newest_first(client, member, curator):
    deposit(owner=member, curator=curator, title="Older")
    deposit(owner=member, curator=curator, title="Newer")

    _response, feed = _feed(client, "/library/feeds/new.rss")

    assert (feed.bozo, feed.version) == (False, "rss20")
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]


def test_feeds_leave_out_what_is_not_public(client, member, curator):
    deposit(owner=member, curator=curator, title="Members", access="members")
    deposit(owner=member, curator=curator, title="Draft", state="draft")
    deposit(owner=member, curator=curator, title="Open")

    _response, feed = _feed(client, "/library/feeds/new.atom")

    assert [entry.title for entry in feed.entries] == ["Open"]


def test_search_feed_follows_the_query_and_facets(client, member, curator):
    deposit(owner=member, curator=curator, title="Volunteering toolkit")
    deposit(
        owner=member,
        curator=curator,
        title="Volunteering bid",
        resource_type="bid_book",
    )
    deposit(owner=member, curator=curator, title="Audience toolkit")

    _response, feed = _feed(
        client, "/library/feeds/search.atom?q=volunteering&type=toolkit"
    )

    assert feed.feed.title == "ECoC Hub library search: “volunteering”, Toolkit"
    assert feed.feed.link == (
        f"{SITE}/search/?q=volunteering&kind=library.resource&type=toolkit"
    )
    assert [entry.title for entry in feed.entries] == ["Volunteering toolkit"]


def test_search_feed_for_a_member_includes_members_only(member_client, member, curator):
    deposit(owner=member, curator=curator, title="Members", access="members")

    _response, feed = _feed(member_client, "/library/feeds/search.rss")

    assert [entry.title for entry in feed.entries] == ["Members"]


def test_search_page_links_its_feed_with_the_same_parameters(client, published):
    response = client.get("/library/?q=toolkit&type=toolkit&sort=title", follow=True)

    document = html.fromstring(response.content)
    assert response.templates[0].name == "search/index.html"
    assert document.xpath('//nav[@class="search-feeds"]//a/@href') == [
        "/library/feeds/search.atom?q=toolkit&type=toolkit",
        "/library/feeds/search.rss?q=toolkit&type=toolkit",
        "/library/export/bib?q=toolkit&type=toolkit",
        "/library/export/ris?q=toolkit&type=toolkit",
        "/library/export/csl.json?q=toolkit&type=toolkit",
        "/library/export/csv?q=toolkit&type=toolkit",
    ]


def test_a_site_search_over_every_kind_offers_no_library_feed(client, published):
    response = client.get("/search/?q=toolkit")

    document = html.fromstring(response.content)
    assert document.xpath('//nav[@class="search-feeds"]') == []


def test_the_library_listing_links_its_feed_in_the_head(client, published):
    response = client.get("/library/?type=toolkit")

    document = html.fromstring(response.content)
    assert document.xpath('//link[@type="application/atom+xml"]/@href') == [
        "/library/feeds/search.atom?type=toolkit"
    ]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_feed_query_count_does_not_grow_with_items(client, member, curator):
    deposit(owner=member, curator=curator, title="One")
    _queries(client, "/library/feeds/new.atom")  # the current Site is cached
    one = (
        _queries(client, "/library/feeds/new.atom"),
        _queries(client, "/library/feeds/search.rss"),
    )
    deposit(owner=member, curator=curator, title="Two")
    deposit(owner=member, curator=curator, title="Three")

    three = (
        _queries(client, "/library/feeds/new.atom"),
        _queries(client, "/library/feeds/search.rss"),
    )

    assert three == one


HOSTILE = "<img src=x onerror=alert(1)> & more"


@pytest.mark.parametrize(
    "url", ["/library/feeds/new.atom", "/library/feeds/search.atom"]
)
def test_atom_summary_is_the_abstract_as_text(client, member, curator, url):
    deposit(owner=member, curator=curator, abstract=HOSTILE)

    response, feed = _feed(client, url)

    summary = etree.fromstring(response.content).find(f".//{ATOM}entry/{ATOM}summary")
    assert (summary.get("type"), summary.text) == ("text", HOSTILE)
    assert b"&lt;img src=x onerror=alert(1)&gt; &amp; more</summary>" in (
        response.content
    )
    entry = feed.entries[0]
    assert (entry.summary_detail.type, entry.summary) == ("text/plain", HOSTILE)


@pytest.mark.parametrize("url", ["/library/feeds/new.rss", "/library/feeds/search.rss"])
def test_rss_description_is_the_abstract_escaped_as_html(client, member, curator, url):
    deposit(owner=member, curator=curator, abstract=HOSTILE + "\n\nSecond")

    response, feed = _feed(client, url)

    description = etree.fromstring(response.content).find(".//item/description")
    # The element holds HTML whose text is the abstract: markup escaped once
    # for HTML, then once more by the XML writer.
    assert description.text == (
        "<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>\n\n<p>Second</p>"
    )
    # feedparser's sanitiser finds no element to remove: the abstract is text.
    summary = feed.entries[0].summary
    assert summary == (
        "<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>\n\n<p>Second</p>"
    )
    assert html.fromstring(summary).xpath("//img") == []
