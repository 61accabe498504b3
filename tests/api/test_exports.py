from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft7Validator

from ecoc_hub.api import views
from ecoc_hub.library import services

from .conftest import assert_valid, deposit

SITE = "https://hub.example.org"
CSL_SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "csl-data.json").read_text()
)


def _export(client, resource, fmt: str):
    return client.get(f"/library/r/{resource.uuid}/-/export/{fmt}")


@pytest.fixture
def evaluation(member, curator):
    return deposit(
        owner=member,
        curator=curator,
        title="Culture & Co: 100% {fun} in_2024",
        resource_type="evaluation",
        creators=("Ada Author", "Bea Builder"),
        publisher="University of Oulu",
        publication_date=dt.date(2024, 3, 9),
        doi="10.1234/abc.5",
        languages=["en", "fi"],
    )


def test_bibtex_export_is_read_back_by_bibtexparser(client, evaluation):
    response = _export(client, evaluation, "bib")

    library = bibtexparser.parse_string(
        response.content.decode(), append_middleware=[LatexDecodingMiddleware()]
    )
    entry = library.entries[0]
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{evaluation.slug}.bib"'
    )
    assert library.failed_blocks == []
    assert (entry.entry_type, entry.key) == (
        "techreport",
        f"author2024culture{str(evaluation.uuid)[:4]}",
    )
    assert {name: entry[name] for name in entry.fields_dict} == {
        "title": "Culture & Co: 100% {fun} in_2024",
        "author": "Author, Ada and Builder, Bea",
        "year": "2024",
        "month": "3",
        "institution": "University of Oulu",
        "type": "Evaluation",
        "doi": "10.1234/abc.5",
        "url": SITE + evaluation.get_absolute_url(),
        "language": "en, fi",
        "abstract": "A short abstract.",
        "keywords": "Long-term cultural strategy",
        "copyright": "CC BY 4.0",
    }


def test_ris_export_is_read_back_by_rispy(client, evaluation):
    response = _export(client, evaluation, "ris")

    entries = rispy.loads(response.content.decode())
    file = evaluation.files.get()
    assert entries == [
        {
            "type_of_reference": "RPRT",
            "title": "Culture & Co: 100% {fun} in_2024",
            "authors": ["Author, Ada", "Builder, Bea"],
            "year": "2024",
            "date": "2024/03/09",
            "publisher": "University of Oulu",
            "language": "en",
            "abstract": "A short abstract.",
            "keywords": ["Long-term cultural strategy"],
            "doi": "10.1234/abc.5",
            "urls": [SITE + evaluation.get_absolute_url()],
            "file_attachments1": SITE + file.get_absolute_url(),
            "type_of_work": "Evaluation",
        }
    ]


def test_csl_json_export_matches_the_csl_schema(client, evaluation):
    response = _export(client, evaluation, "csl.json")

    items = response.json()
    errors = list(Draft7Validator(CSL_SCHEMA).iter_errors(items))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert errors == []
    assert items == [
        {
            "id": str(evaluation.uuid),
            "type": "report",
            "title": "Culture & Co: 100% {fun} in_2024",
            "author": [
                {"family": "Author", "given": "Ada"},
                {"family": "Builder", "given": "Bea"},
            ],
            "URL": SITE + evaluation.get_absolute_url(),
            "genre": "Evaluation",
            "issued": {"date-parts": [[2024, 3, 9]]},
            "publisher": "University of Oulu",
            "abstract": "A short abstract.",
            "language": "en",
            "DOI": "10.1234/abc.5",
            "keyword": "Long-term cultural strategy",
        }
    ]


def test_organisation_creators_stay_literal(client, member, curator):
    resource = deposit(owner=member, curator=curator)
    services.update_metadata(
        resource=resource,
        editor=member,
        creators=[
            services.CreatorData(name="Oulu2026 Foundation", kind="organisation")
        ],
    )

    items = _export(client, resource, "csl.json").json()
    library = bibtexparser.parse_string(
        _export(client, resource, "bib").content.decode()
    )

    assert items[0]["author"] == [{"literal": "Oulu2026 Foundation"}]
    assert library.entries[0]["author"] == "{Oulu2026 Foundation}"


def test_dublin_core_export_validates_against_oai_dc(client, published):
    response = _export(client, published, "dc.xml")

    document = assert_valid(response.content, "oai_dc.xsd")
    assert document.findtext("{http://purl.org/dc/elements/1.1/}title") == (
        "Audience development toolkit"
    )


def test_datacite_export_validates_against_the_official_kernel(client, evaluation):
    response = _export(client, evaluation, "datacite.xml")

    document = assert_valid(response.content, "datacite-kernel-4/metadata.xsd")
    ns = "{http://datacite.org/schema/kernel-4}"
    identifier = document.find(f"{ns}identifier")
    assert (identifier.get("identifierType"), identifier.text) == (
        "DOI",
        "10.1234/abc.5",
    )
    assert document.find(f"{ns}resourceType").get("resourceTypeGeneral") == "Report"


def test_unknown_export_format_is_not_found(client, published):
    assert _export(client, published, "marc").status_code == 404


def test_members_only_export_is_refused_to_visitors(client, member, curator):
    resource = deposit(owner=member, curator=curator, access="members")

    assert _export(client, resource, "bib").status_code == 403


def test_members_only_export_is_given_to_members(member_client, member, curator):
    resource = deposit(owner=member, curator=curator, access="members")

    response = _export(member_client, resource, "ris")

    assert rispy.loads(response.content.decode())[0]["title"] == resource.title


def test_someone_elses_draft_export_is_not_found(client, outsider, member, curator):
    draft = deposit(owner=member, curator=curator, state="draft")
    client.force_login(outsider)

    assert _export(client, draft, "bib").status_code == 404


def test_withdrawn_resource_export_is_not_found(client, published, curator):
    services.withdraw(resource=published, curator=curator, reason="Duplicate.")

    assert _export(client, published, "bib").status_code == 404


# Search exports ---------------------------------------------------------------------


def _search_export(client, fmt: str, query: str = ""):
    return client.get(f"/library/export/{fmt}{query}")


def test_search_export_as_csv_lists_the_matching_resources(client, member, curator):
    kit = deposit(owner=member, curator=curator, title="=Toolkit for volunteers")
    deposit(owner=member, curator=curator, title="Bid", resource_type="bid_book")

    response = _search_export(client, "csv", "?type=toolkit")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows == [
        [
            "uuid",
            "title",
            "creators",
            "year",
            "type",
            "languages",
            "capacity_areas",
            "title_cities",
            "publisher",
            "licence",
            "doi",
            "isbn",
            "url",
        ],
        [
            str(kit.uuid),
            "'=Toolkit for volunteers",
            "Ada Author",
            "2024",
            "toolkit",
            "en",
            "long-term-strategy",
            "oulu-fi-2026",
            "",
            "cc-by-4.0",
            "",
            "",
            SITE + kit.get_absolute_url(),
        ],
    ]


def test_search_export_uses_the_query_language(client, member, curator):
    deposit(owner=member, curator=curator, title="Volunteering guide")
    deposit(owner=member, curator=curator, title="Audience report")

    response = _search_export(client, "bib", "?q=volunteering")

    library = bibtexparser.parse_string(response.content.decode())
    assert [e["title"] for e in library.entries] == ["Volunteering guide"]


def test_search_export_stops_at_the_limit(client, monkeypatch, member, curator):
    monkeypatch.setattr(views, "SEARCH_EXPORT_LIMIT", 2)
    for n in range(3):
        deposit(owner=member, curator=curator, title=f"Guide {n}")

    response = _search_export(client, "ris")

    assert len(rispy.loads(response.content.decode())) == 2


def test_search_export_leaves_out_what_a_visitor_may_not_see(client, member, curator):
    deposit(owner=member, curator=curator, title="Members", access="members")
    deposit(owner=member, curator=curator, title="Open")

    items = _search_export(client, "csl.json").json()

    assert [item["title"] for item in items] == ["Open"]
    assert list(Draft7Validator(CSL_SCHEMA).iter_errors(items)) == []


def _queries_for_export(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert _search_export(client, "bib").status_code == 200
    return len(context)


def test_search_export_query_count_does_not_grow_with_results(client, member, curator):
    deposit(owner=member, curator=curator, title="First")
    one = _queries_for_export(client)
    deposit(owner=member, curator=curator, title="Second")
    deposit(owner=member, curator=curator, title="Third")

    three = _queries_for_export(client)

    assert (one, three) == (one, one)
