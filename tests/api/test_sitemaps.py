from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from ecoc_hub.cities.models import Title

from .conftest import deposit

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_sitemap_index_lists_its_sections(client, published):
    document = _xml(client, "/sitemap.xml")

    locations = [loc.text for loc in document.iter(f"{SM}loc")]
    assert locations == [
        "https://hub.example.org/sitemap-cities.xml",
        "https://hub.example.org/sitemap-titles.xml",
        "https://hub.example.org/sitemap-resources.xml",
        "https://hub.example.org/sitemap-podcast-shows.xml",
        "https://hub.example.org/sitemap-podcast-episodes.xml",
        "https://hub.example.org/sitemap-events.xml",
        "https://hub.example.org/sitemap-courses.xml",
    ]


def test_resource_sitemap_has_public_resources_with_lastmod(client, member, curator):
    public = deposit(owner=member, curator=curator, title="Open")
    deposit(owner=member, curator=curator, title="Members", access="members")
    deposit(owner=member, curator=curator, title="Draft", state="draft")

    document = _xml(client, "/sitemap-resources.xml")

    urls = [
        (u.findtext(f"{SM}loc"), u.findtext(f"{SM}lastmod"))
        for u in document.iter(f"{SM}url")
    ]
    assert urls == [
        (
            "https://hub.example.org" + public.get_absolute_url(),
            timezone.localdate(public.updated_at).isoformat(),
        )
    ]


def test_title_sitemap_dates_titles_by_their_resources(client, published):
    document = _xml(client, "/sitemap-titles.xml")

    oulu = Title.objects.get(year=2026, city__name="Oulu")
    entries = {
        u.findtext(f"{SM}loc").split("/cities/", 1)[1]: u.findtext(f"{SM}lastmod")
        for u in document.iter(f"{SM}url")
    }
    assert entries[oulu.get_absolute_url().split("/cities/", 1)[1]] == (
        timezone.localdate(published.updated_at).isoformat()
    )
    assert len(entries) == Title.objects.exclude(status="unverified").count()


def test_resource_sitemap_query_count_does_not_grow(client, member, curator):
    deposit(owner=member, curator=curator, title="One")
    client.get("/sitemap-resources.xml")  # the current Site is cached
    with CaptureQueriesContext(connection) as one:
        client.get("/sitemap-resources.xml")
    deposit(owner=member, curator=curator, title="Two")
    deposit(owner=member, curator=curator, title="Three")

    with CaptureQueriesContext(connection) as three:
        client.get("/sitemap-resources.xml")

    assert len(three) == len(one)


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain"
    assert lines[0] == "User-agent: *"
    assert "Disallow: /me/" in lines
    assert lines[-1] == "Sitemap: https://hub.example.org/sitemap.xml"
