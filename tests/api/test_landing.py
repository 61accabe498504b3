from __future__ import annotations

import datetime as dt
import io
import json

from lxml import html
from requests.utils import parse_header_links

from ecoc_hub.library import samples, services
from ecoc_hub.library.files import stage_upload

from .conftest import deposit

SITE = "https://hub.example.org"


def _page(client, resource):
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    return response, html.fromstring(response.content)


def _jsonld(document) -> list[dict]:
    return [
        json.loads(script.text)
        for script in document.xpath('//script[@type="application/ld+json"]')
    ]


def test_landing_page_has_schema_org_jsonld(client, published):
    _response, document = _page(client, published)

    file = published.files.get()
    landing = SITE + published.get_absolute_url()
    media = {
        "@type": "MediaObject",
        "name": "report.pdf",
        "contentUrl": SITE + file.get_absolute_url(),
        "encodingFormat": "application/pdf",
        "contentSize": f"{file.blob.size} B",
    }
    assert _jsonld(document) == [
        {
            "@context": "https://schema.org",
            "@type": "LearningResource",
            "@id": landing,
            "url": landing,
            "name": "Audience development toolkit",
            "description": "A short abstract.",
            "author": [{"@type": "Person", "name": "Ada Author"}],
            "datePublished": "2024",
            "dateModified": published.updated_at.isoformat(),
            "inLanguage": ["en"],
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "isAccessibleForFree": True,
            "genre": "Toolkit",
            "keywords": ["Long-term cultural strategy"],
            "about": [
                {
                    "@type": "DefinedTerm",
                    "name": "Long-term cultural strategy",
                    "termCode": "long-term-strategy",
                }
            ],
            "spatialCoverage": [{"@type": "Place", "name": "Oulu 2026"}],
            "encoding": [media],
            "associatedMedia": [media],
            "learningResourceType": "Toolkit",
        }
    ]


def test_bid_book_is_a_book_with_its_isbn(client, member, curator):
    book = deposit(
        owner=member,
        curator=curator,
        resource_type="bid_book",
        isbn="9780306406157",
        publisher="Oulu2026",
    )

    _response, document = _page(client, book)

    data = _jsonld(document)[0]
    assert (data["@type"], data["isbn"], data["publisher"]) == (
        "Book",
        "9780306406157",
        {"@type": "Organization", "name": "Oulu2026"},
    )


def test_recording_with_audio_is_an_audio_object(client, member, curator):
    recording = deposit(
        owner=member, curator=curator, resource_type="recording", title="Talk"
    )
    services.add_file(
        resource=recording,
        staged=stage_upload(source=io.BytesIO(samples.mp3_bytes()), filename="t.mp3"),
        uploaded_by=member,
    )

    _response, document = _page(client, recording)

    data = _jsonld(document)[0]
    assert data["@type"] == "AudioObject"
    assert [m["encodingFormat"] for m in data["associatedMedia"]] == [
        "application/pdf",
        "audio/mpeg",
    ]


def test_embargoed_files_stay_out_of_the_metadata(client, member, curator):
    until = dt.date.today() + dt.timedelta(days=10)
    resource = deposit(owner=member, curator=curator, embargo_until=until)

    response, document = _page(client, resource)

    data = _jsonld(document)[0]
    links = parse_header_links(response["Link"])
    assert "associatedMedia" not in data
    assert data["conditionsOfAccess"] == f"Files available from {until}"
    assert [link["rel"] for link in links if link["rel"] == "item"] == []


def test_highwire_citation_meta_tags(client, member, curator):
    resource = deposit(
        owner=member,
        curator=curator,
        resource_type="evaluation",
        creators=("Ada Author", "Bea Builder"),
        publisher="University of Oulu",
        publication_date=dt.date(2024, 3, 9),
        doi="10.1234/abc.5",
    )

    _response, document = _page(client, resource)

    file = resource.files.get()
    assert [
        (m.get("name"), m.get("content"))
        for m in document.xpath('//meta[starts-with(@name, "citation_")]')
    ] == [
        ("citation_title", "Audience development toolkit"),
        ("citation_author", "Ada Author"),
        ("citation_author", "Bea Builder"),
        ("citation_publication_date", "2024/03/09"),
        ("citation_publisher", "University of Oulu"),
        ("citation_technical_report_institution", "University of Oulu"),
        ("citation_language", "en"),
        ("citation_keywords", "Long-term cultural strategy"),
        ("citation_doi", "10.1234/abc.5"),
        ("citation_abstract_html_url", SITE + resource.get_absolute_url()),
        ("citation_pdf_url", SITE + file.get_absolute_url()),
    ]


def test_open_graph_tags(client, published):
    _response, document = _page(client, published)

    assert [
        (m.get("property"), m.get("content"))
        for m in document.xpath('//meta[starts-with(@property, "og:")]')
    ] == [
        ("og:type", "article"),
        ("og:title", "Audience development toolkit"),
        ("og:url", SITE + published.get_absolute_url()),
        ("og:site_name", "ECoC Hub"),
        ("og:description", "A short abstract."),
        ("og:locale", "en"),
    ]


def test_signposting_level_one_link_header(client, published):
    response, _document = _page(client, published)

    landing = SITE + published.get_absolute_url()
    base = f"{SITE}/library/r/{published.uuid}/-/"
    file = published.files.get()
    assert parse_header_links(response["Link"]) == [
        {"url": landing, "rel": "cite-as"},
        {
            "url": base + "export/datacite.xml",
            "rel": "describedby",
            "type": "application/vnd.datacite.datacite+xml",
        },
        {
            "url": base + "export/csl.json",
            "rel": "describedby",
            "type": "application/vnd.citationstyles.csl+json",
        },
        {
            "url": SITE + file.get_absolute_url(),
            "rel": "item",
            "type": "application/pdf",
        },
        {"url": "https://creativecommons.org/licenses/by/4.0/", "rel": "license"},
        {"url": "https://schema.org/LearningResource", "rel": "type"},
        {"url": "https://schema.org/AboutPage", "rel": "type"},
        {
            "url": base + "linkset.json",
            "rel": "linkset",
            "type": "application/linkset+json",
        },
    ]


def test_cite_as_is_the_doi_when_there_is_one(client, member, curator):
    resource = deposit(owner=member, curator=curator, doi="10.1234/xyz")

    response, _document = _page(client, resource)

    assert parse_header_links(response["Link"])[0] == {
        "url": "https://doi.org/10.1234/xyz",
        "rel": "cite-as",
    }


def test_every_signposted_link_of_ours_resolves(client, published):
    response, _document = _page(client, published)

    ours = [
        link["url"].removeprefix(SITE)
        for link in parse_header_links(response["Link"])
        if link["url"].startswith(SITE)
    ]
    assert [client.get(url).status_code for url in ours] == [200] * len(ours)


def test_linkset_is_served_as_linkset_json(client, published):
    response = client.get(f"/library/r/{published.uuid}/-/linkset.json")

    landing = SITE + published.get_absolute_url()
    base = f"{SITE}/library/r/{published.uuid}/-/export/"
    file_url = SITE + published.files.get().get_absolute_url()
    assert response["Content-Type"] == "application/linkset+json"
    assert response.json() == {
        "linkset": [
            {
                "anchor": landing,
                "cite-as": [{"href": landing}],
                "describedby": [
                    {
                        "href": base + "datacite.xml",
                        "type": "application/vnd.datacite.datacite+xml",
                    },
                    {
                        "href": base + "csl.json",
                        "type": "application/vnd.citationstyles.csl+json",
                    },
                ],
                "item": [{"href": file_url, "type": "application/pdf"}],
                "license": [{"href": "https://creativecommons.org/licenses/by/4.0/"}],
                "type": [
                    {"href": "https://schema.org/LearningResource"},
                    {"href": "https://schema.org/AboutPage"},
                ],
            },
            {
                "anchor": file_url,
                "collection": [{"href": landing, "type": "text/html"}],
            },
            {
                "anchor": base + "datacite.xml",
                "describes": [{"href": landing, "type": "text/html"}],
            },
            {
                "anchor": base + "csl.json",
                "describes": [{"href": landing, "type": "text/html"}],
            },
        ]
    }


def test_members_only_page_carries_no_public_metadata(member_client, member, curator):
    resource = deposit(owner=member, curator=curator, access="members")

    response, document = _page(member_client, resource)

    assert response.has_header("Link") is False
    assert _jsonld(document) == []
    assert document.xpath('//meta[starts-with(@name, "citation_")]') == []


def test_linkset_of_a_members_only_resource_is_not_found(client, member, curator):
    resource = deposit(owner=member, curator=curator, access="members")

    response = client.get(f"/library/r/{resource.uuid}/-/linkset.json")

    assert response.status_code == 404


def test_landing_page_links_its_exports(client, published):
    _response, document = _page(client, published)

    base = f"/library/r/{published.uuid}/-/export/"
    assert document.xpath('//section[@aria-labelledby="export-heading"]//a/@href') == [
        base + "bib",
        base + "ris",
        base + "csl.json",
        base + "datacite.xml",
        base + "dc.xml",
    ]
