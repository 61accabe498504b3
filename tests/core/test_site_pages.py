"""The about, contact and legal notice pages, the footer, and the API home."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OPERATOR = {
    "name": "ECoC Learning Consortium ASBL",
    "address": ["Rue Example 1", "1000 Brussels", "Belgium"],
    "representative": "Dana Director",
    "register": "BCE 0123.456.789",
    "vat_id": "BE0123456789",
    "phone": "+32 2 123 45 67",
    "website": "https://consortium.example.org",
    "about": ["The hub is funded by the Creative Europe programme."],
}


@pytest.fixture
def operator(settings):
    settings.ECOC_HUB_OPERATOR = OPERATOR
    settings.ECOC_HUB_CONTACT_EMAIL = "hello@consortium.example.org"


def test_footer_links_api_oai_about_contact_and_legal_notice(client):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    for href in (
        'href="/api/"',
        'href="/oai?verb=Identify"',
        'href="/about/"',
        'href="/contact/"',
        'href="/legal-notice/"',
    ):
        assert href in footer


def test_legal_notice_shows_the_operator_from_settings(client, operator):
    response = client.get(reverse("legal_notice"))
    html = response.content.decode()

    assert response.status_code == 200
    for text in (
        "ECoC Learning Consortium ASBL",
        "Rue Example 1<br>1000 Brussels<br>Belgium",
        "Dana Director",
        "BCE 0123.456.789",
        "BE0123456789",
        'href="mailto:hello@consortium.example.org"',
        'href="tel:+3221234567"',
    ):
        assert text in html
    assert "has not published its name and address yet" not in html


def test_legal_notice_says_so_when_the_operator_is_not_set(client, settings):
    settings.ECOC_HUB_OPERATOR = dict.fromkeys(OPERATOR, "") | {
        "address": [],
        "about": [],
    }

    html = client.get(reverse("legal_notice")).content.decode()

    assert "has not published its name and address yet" in html
    assert "Represented by" not in html


def test_contact_page_gives_the_address_and_the_ways_to_ask(client, operator):
    html = client.get(reverse("contact")).content.decode()

    assert 'href="mailto:hello@consortium.example.org"' in html
    assert "+32 2 123 45 67" in html
    assert 'href="/privacy/"' in html
    assert 'href="/me/teams/"' in html


def test_about_page_adds_the_operators_text(client, operator):
    html = client.get(reverse("about")).content.decode()

    assert "The hub is funded by the Creative Europe programme." in html
    assert "This site is operated by ECoC Learning Consortium ASBL." in html
    assert 'href="/api/"' in html


def test_operator_address_setting_accepts_escaped_newlines(monkeypatch):
    from ecoc_hub.core.env import env_lines

    monkeypatch.setenv("OPERATOR_ADDRESS", "Rue Example 1\\n1000 Brussels\n\nBelgium ")
    assert env_lines("OPERATOR_ADDRESS") == [
        "Rue Example 1",
        "1000 Brussels",
        "Belgium",
    ]


def test_pages_are_translated(client):
    client.cookies["ecoc_hub_language"] = "de"

    assert "Impressum" in client.get(reverse("legal_notice")).content.decode()
    assert "Kontakt" in client.get(reverse("contact")).content.decode()


# The API home ----------------------------------------------------------------


def test_api_home_answers_with_links_instead_of_404(client):
    response = client.get("/api/")
    html = response.content.decode()

    assert response.status_code == 200
    for href in (
        'href="/api/docs"',
        'href="/api/openapi.json"',
        'href="http://127.0.0.1:8000/oai?verb=Identify"',
        'href="/library/feeds/new.atom"',
        'href="/library/feeds/new.rss"',
    ):
        assert href in html


def test_api_home_refuses_post(client):
    assert client.post("/api/").status_code == 405


def test_api_docs_link_to_the_api_home_on_the_site(client):
    description = client.get("/api/openapi.json").json()["info"]["description"]

    assert "(/api/)" in description
    assert "docs/harvesting-and-api.md" not in description
