"""Every DataCite document the hub produces, checked against the official
DataCite Metadata Schema (kernel 4.6, tests/api/xsd/datacite-kernel-4/)."""

from __future__ import annotations

import pytest
from lxml import etree

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.library import services

from .conftest import assert_valid, deposit, schema

SITE = "https://hub.example.org"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
NS = "{http://datacite.org/schema/kernel-4}"
OFFICIAL = "datacite-kernel-4/metadata.xsd"


@pytest.fixture
def rich(member, curator):
    """A resource using every part of the DataCite mapping, with a DOI."""
    resource = deposit(
        owner=member,
        curator=curator,
        title="Evaluation of Oulu 2026",
        resource_type="evaluation",
        publisher="University of Oulu",
        doi="10.1234/oulu.2026",
        languages=["fi", "en"],
        area_codes=tuple(
            CapacityArea.objects.order_by("pk").values_list("code", flat=True)[:2]
        ),
    )
    earlier = deposit(owner=member, curator=curator, title="Interim evaluation")
    services.update_metadata(
        resource=resource,
        editor=member,
        creators=[
            services.CreatorData(name="Ada Author"),
            services.CreatorData(name="Oulu2026 Foundation", kind="organisation"),
            services.CreatorData(name="Builder, Bea"),
        ],
        related=[("new_version_of", earlier)],
    )
    resource.refresh_from_db()
    return resource


@pytest.fixture
def without_doi(member, curator):
    return deposit(owner=member, curator=curator, title="Volunteer handbook")


def _resource_documents(xml: bytes) -> list[etree._Element]:
    """The DataCite ``resource`` elements of an export: the root, or each
    child of the ``records`` list a multi-record export wraps them in."""
    root = etree.fromstring(xml, etree.XMLParser(no_network=True))
    return [root] if root.tag == f"{NS}resource" else list(root)


def _assert_official(document: etree._Element) -> None:
    validator = schema(OFFICIAL)
    valid = validator.validate(etree.ElementTree(document))
    assert valid, str(validator.error_log)


def _export(client, resource) -> bytes:
    response = client.get(f"/library/r/{resource.uuid}/-/export/datacite.xml")
    assert response.status_code == 200
    return response.content


def _get_record(client, resource) -> etree._Element:
    response = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "datacite",
            "identifier": f"oai:hub.example.org:{resource.uuid}",
        },
    )
    document = assert_valid(response.content, "harvest-datacite.xsd")
    return document.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata")[0]


def test_rich_resource_export_validates_against_the_official_schema(client, rich):
    document = assert_valid(_export(client, rich), OFFICIAL)

    identifier = document.find(f"{NS}identifier")
    creators = document.findall(f"{NS}creators/{NS}creator")
    rights = document.find(f"{NS}rightsList/{NS}rights")
    related = document.find(f"{NS}relatedIdentifiers/{NS}relatedIdentifier")
    assert (identifier.get("identifierType"), identifier.text) == (
        "DOI",
        "10.1234/oulu.2026",
    )
    assert [
        (c.findtext(f"{NS}creatorName"), c.find(f"{NS}creatorName").get("nameType"))
        for c in creators
    ] == [
        ("Ada Author", "Personal"),
        ("Oulu2026 Foundation", "Organizational"),
        ("Builder, Bea", "Personal"),
    ]
    assert [
        (c.findtext(f"{NS}givenName"), c.findtext(f"{NS}familyName")) for c in creators
    ] == [("Ada", "Author"), (None, None), ("Bea", "Builder")]
    assert document.findtext(f"{NS}language") == "fi"
    assert len(document.findall(f"{NS}subjects/{NS}subject")) == 2
    assert [e.text for e in document.iter(f"{NS}geoLocationPlace")] == [
        "Oulu 2026",
        "FI",
    ]
    assert (rights.text, rights.get("rightsURI")) == (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    )
    assert [e.text for e in document.iter(f"{NS}format")] == ["application/pdf"]
    assert document.findtext(f"{NS}sizes/{NS}size").endswith(" bytes")
    earlier = rich.relations_from.get().target
    assert (
        related.text,
        related.get("relatedIdentifierType"),
        related.get("relationType"),
    ) == (SITE + earlier.get_absolute_url(), "URL", "IsNewVersionOf")


def test_export_without_doi_validates_and_carries_the_landing_page(client, without_doi):
    document = assert_valid(_export(client, without_doi), OFFICIAL)

    landing = SITE + without_doi.get_absolute_url()
    identifier = document.find(f"{NS}identifier")
    alternate = document.find(f"{NS}alternateIdentifiers/{NS}alternateIdentifier")
    assert (identifier.get("identifierType"), identifier.text) == ("URL", landing)
    assert (alternate.get("alternateIdentifierType"), alternate.text) == (
        "URL",
        landing,
    )


def test_oai_datacite_records_validate_in_the_oai_envelope(client, rich, without_doi):
    with_doi_record = _get_record(client, rich)
    plain_record = _get_record(client, without_doi)

    _assert_official(with_doi_record)
    _assert_official(plain_record)
    assert with_doi_record.findtext(f"{NS}identifier") == "10.1234/oulu.2026"
    assert plain_record.find(f"{NS}identifier").get("identifierType") == "URL"


def test_oai_list_records_in_datacite_validates_every_record(client, rich, without_doi):
    response = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "datacite"})

    document = assert_valid(response.content, "harvest-datacite.xsd")
    resources = [m[0] for m in document.iter(f"{OAI}metadata")]
    for resource in resources:
        _assert_official(resource)
    assert len(resources) == 3  # the rich record, the one it revises, the handbook


def test_search_export_in_datacite_validates_every_record(client, rich, without_doi):
    response = client.get("/library/export/datacite.xml")

    documents = _resource_documents(response.content)
    for document in documents:
        _assert_official(document)
    assert sorted(d.findtext(f"{NS}titles/{NS}title") for d in documents) == [
        "Evaluation of Oulu 2026",
        "Interim evaluation",
        "Volunteer handbook",
    ]


def test_search_export_of_one_record_is_a_single_official_document(client, without_doi):
    response = client.get("/library/export/datacite.xml")

    document = assert_valid(response.content, OFFICIAL)
    assert document.findtext(f"{NS}titles/{NS}title") == "Volunteer handbook"


def test_official_schema_refuses_an_unknown_resource_type(client, without_doi):
    document = _resource_documents(_export(client, without_doi))[0]
    document.find(f"{NS}resourceType").set("resourceTypeGeneral", "Toolkit")

    validator = schema(OFFICIAL)
    valid = validator.validate(etree.ElementTree(document))

    assert valid is False
    assert "resourceTypeGeneral" in str(validator.error_log)


def test_official_schema_refuses_a_record_without_an_identifier(client, without_doi):
    document = _resource_documents(_export(client, without_doi))[0]
    document.remove(document.find(f"{NS}identifier"))

    validator = schema(OFFICIAL)
    valid = validator.validate(etree.ElementTree(document))

    assert valid is False
    assert "identifier" in str(validator.error_log)
