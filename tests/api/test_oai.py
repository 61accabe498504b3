from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.signing import TimestampSigner, b62_encode
from oaipmh import error as oai_errors
from oaipmh.client import BaseClient, Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

from ecoc_hub.api import oai, oai_protocol
from ecoc_hub.api.models import DeletedRecord
from ecoc_hub.library import services
from ecoc_hub.library.models import Resource

from .conftest import assert_valid, deposit

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"


class TestClientHarvester(BaseClient):
    """pyoai's harvesting logic, talking to the Django test client with GET."""

    __test__ = False

    def __init__(self, client, registry: MetadataRegistry) -> None:
        super().__init__(registry)
        self.client = client
        self.responses: list[bytes] = []

    def makeRequest(self, **kw):
        response = self.client.get("/oai", kw)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        self.responses.append(response.content)
        return response.content


def _registry() -> MetadataRegistry:
    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    return registry


@pytest.fixture
def harvester(client):
    return TestClientHarvester(client, _registry())


def _get(client, **params) -> bytes:
    response = client.get("/oai", params)
    assert response.status_code == 200
    return response.content


def _error_code(xml: bytes) -> str:
    document = assert_valid(xml)
    return document.find(f"{OAI}error").get("code")


def _stamp(resource: Resource) -> str:
    return resource.updated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_updated(resource: Resource, moment: dt.datetime) -> None:
    Resource.objects.filter(pk=resource.pk).update(updated_at=moment)
    resource.refresh_from_db()


# Identify, formats, sets -----------------------------------------------------


def test_identify_describes_the_repository_and_validates(client, published):
    document = assert_valid(_get(client, verb="Identify"))

    identify = document.find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == "https://hub.example.org/oai"
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    assert identify.findtext(f"{OAI}adminEmail") == "hub@example.org"
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(f"{OAI}earliestDatestamp") == _stamp(published)


def test_pyoai_reads_identify(harvester, published):
    identify = harvester.identify()

    assert identify.repositoryName() == "ECoC Hub"
    assert identify.deletedRecord() == "persistent"
    assert identify.granularity() == "YYYY-MM-DDThh:mm:ssZ"


def test_list_metadata_formats_offers_oai_dc_and_datacite(harvester, published):
    formats = harvester.listMetadataFormats()

    assert formats == [
        (
            "oai_dc",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
        ),
        (
            "datacite",
            "http://schema.datacite.org/meta/kernel-4.6/metadata.xsd",
            "http://datacite.org/schema/kernel-4",
        ),
    ]
    assert_valid(harvester.responses[-1])


def test_list_sets_names_type_area_and_city_sets(harvester, published):
    sets = harvester.listSets()

    assert [(spec, name) for spec, name, _description in sets] == [
        ("type:toolkit", "Toolkit"),
        ("area:long-term-strategy", "Long-term cultural strategy"),
        ("city:oulu-fi-2026", "Oulu 2026"),
    ]
    assert_valid(harvester.responses[-1])


def test_list_sets_without_any_record_is_no_set_hierarchy(client, db):
    assert _error_code(_get(client, verb="ListSets")) == "noSetHierarchy"


# Harvesting --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pyoai_harvests_everything_over_http_with_resumption_tokens(
    live_server, settings, monkeypatch, member, curator
):
    settings.SITE_URL = live_server.url
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    titles = [f"Toolkit number {n}" for n in range(5)]
    for title in titles:
        deposit(owner=member, curator=curator, title=title)
    client = Client(live_server.url + "/oai", _registry())

    records = list(client.listRecords(metadataPrefix="oai_dc"))

    assert [meta.getField("title") for _h, meta, _a in records] == [
        [title] for title in titles
    ]
    assert [header.isDeleted() for header, _m, _a in records] == [False] * 5


def test_list_records_pages_with_tokens_and_a_final_empty_token(
    client, monkeypatch, member, curator
):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    for n in range(3):
        deposit(owner=member, curator=curator, title=f"Guide {n}")

    first = assert_valid(_get(client, verb="ListRecords", metadataPrefix="oai_dc"))
    token = first.find(f"{OAI}ListRecords/{OAI}resumptionToken")
    second = assert_valid(_get(client, verb="ListRecords", resumptionToken=token.text))
    last = second.find(f"{OAI}ListRecords/{OAI}resumptionToken")

    assert len(first.findall(f"{OAI}ListRecords/{OAI}record")) == 2
    assert (token.get("completeListSize"), token.get("cursor")) == ("3", "0")
    assert len(second.findall(f"{OAI}ListRecords/{OAI}record")) == 1
    assert (last.text, last.get("completeListSize"), last.get("cursor")) == (
        None,
        "3",
        "2",
    )


def test_list_identifiers_reads_headers_in_both_phases(
    harvester, monkeypatch, member, curator
):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    first = deposit(owner=member, curator=curator, title="One")
    deposit(owner=member, curator=curator, title="Two")
    doomed = deposit(owner=member, curator=curator, title="Three")
    doomed_uuid = doomed.uuid
    doomed.delete()

    headers = harvester.listIdentifiers(metadataPrefix="oai_dc")

    assert next((h.identifier(), h.isDeleted()) for h in headers) == (
        f"oai:hub.example.org:{first.uuid}",
        False,
    )
    headers = list(harvester.listIdentifiers(metadataPrefix="oai_dc"))
    assert [h.isDeleted() for h in headers] == [False, False, True]
    assert headers[-1].identifier() == f"oai:hub.example.org:{doomed_uuid}"
    for response in harvester.responses:
        assert_valid(response)


def test_only_public_published_unembargoed_records_are_harvested(
    harvester, member, curator
):
    public = deposit(owner=member, curator=curator, title="Open")
    deposit(owner=member, curator=curator, title="Members", access="members")
    deposit(owner=member, curator=curator, title="Draft", state="draft")
    deposit(owner=member, curator=curator, title="Waiting", state="submitted")
    deposit(
        owner=member,
        curator=curator,
        title="Embargoed",
        embargo_until=dt.date.today() + dt.timedelta(days=30),
    )

    records = list(harvester.listRecords(metadataPrefix="oai_dc"))

    assert [h.identifier() for h, _m, _a in records] == [
        f"oai:hub.example.org:{public.uuid}"
    ]


def test_oai_dc_record_carries_the_crosswalk(client, published):
    document = assert_valid(_get(client, verb="ListRecords", metadataPrefix="oai_dc"))

    dc = document.find(f"{OAI}ListRecords/{OAI}record/{OAI}metadata")[0]
    file = published.files.get()
    assert [(child.tag.replace(DC, ""), child.text) for child in dc] == [
        ("title", "Audience development toolkit"),
        ("creator", "Ada Author"),
        ("subject", "Long-term cultural strategy"),
        ("description", "A short abstract."),
        ("date", "2024"),
        ("type", "Text"),
        ("type", "Toolkit"),
        ("format", "application/pdf"),
        ("identifier", "https://hub.example.org" + published.get_absolute_url()),
        ("identifier", "https://hub.example.org" + file.get_absolute_url()),
        ("language", "en"),
        ("coverage", "Oulu 2026"),
        ("coverage", "FI"),
        ("rights", "https://creativecommons.org/licenses/by/4.0/"),
        ("rights", "CC BY 4.0"),
    ]


def test_datacite_record_uses_the_kernel_4_namespace(client, published):
    document = assert_valid(
        _get(
            client,
            verb="GetRecord",
            metadataPrefix="datacite",
            identifier=f"oai:hub.example.org:{published.uuid}",
        ),
        "harvest-datacite.xsd",
    )

    resource = document.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata")[0]
    ns = "{http://datacite.org/schema/kernel-4}"
    assert resource.tag == f"{ns}resource"
    assert resource.findtext(f"{ns}titles/{ns}title") == "Audience development toolkit"
    assert resource.findtext(f"{ns}publicationYear") == "2024"
    assert resource.find(f"{ns}resourceType").get("resourceTypeGeneral") == "Text"


def test_get_record_returns_one_record(harvester, published):
    header, metadata, _about = harvester.getRecord(
        metadataPrefix="oai_dc", identifier=f"oai:hub.example.org:{published.uuid}"
    )

    assert header.setSpec() == [
        "type:toolkit",
        "area:long-term-strategy",
        "city:oulu-fi-2026",
    ]
    assert metadata.getField("creator") == ["Ada Author"]


# Deleted records ------------------------------------------------------------------


def test_withdrawn_resource_is_reported_deleted_with_its_datestamp(
    client, published, curator
):
    services.withdraw(resource=published, curator=curator, reason="Duplicate.")
    published.refresh_from_db()

    document = assert_valid(
        _get(
            client,
            verb="GetRecord",
            metadataPrefix="oai_dc",
            identifier=f"oai:hub.example.org:{published.uuid}",
        )
    )

    record = document.find(f"{OAI}GetRecord/{OAI}record")
    assert record.find(f"{OAI}header").get("status") == "deleted"
    assert record.findtext(f"{OAI}header/{OAI}datestamp") == _stamp(published)
    assert record.find(f"{OAI}metadata") is None


def test_resource_made_members_only_after_publication_is_reported_deleted(
    harvester, published, curator
):
    services.update_metadata(
        resource=published, editor=curator, values={"access": "members"}
    )

    headers = list(harvester.listIdentifiers(metadataPrefix="oai_dc"))

    assert [(h.identifier(), h.isDeleted()) for h in headers] == [
        (f"oai:hub.example.org:{published.uuid}", True)
    ]


def test_resource_published_members_only_never_appears(harvester, member, curator):
    deposit(owner=member, curator=curator, access="members")

    with pytest.raises(oai_errors.NoRecordsMatchError):
        list(harvester.listIdentifiers(metadataPrefix="oai_dc"))


def test_deleted_row_leaves_a_persistent_tombstone(client, published):
    uuid = published.uuid
    published.delete()

    document = assert_valid(
        _get(
            client,
            verb="ListRecords",
            metadataPrefix="oai_dc",
            set="city:oulu-fi-2026",
        )
    )

    header = document.find(f"{OAI}ListRecords/{OAI}record/{OAI}header")
    row = DeletedRecord.objects.get()
    assert header.get("status") == "deleted"
    assert header.findtext(f"{OAI}identifier") == f"oai:hub.example.org:{uuid}"
    assert header.findtext(f"{OAI}datestamp") == row.deleted_at.astimezone(
        dt.UTC
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [s.text for s in header.findall(f"{OAI}setSpec")] == [
        "type:toolkit",
        "area:long-term-strategy",
        "city:oulu-fi-2026",
    ]


def test_withdrawn_members_only_record_is_not_confirmed_to_have_existed(
    client, harvester, member, curator
):
    resource = deposit(owner=member, curator=curator, access="members")
    services.withdraw(resource=resource, curator=curator, reason="Duplicate.")

    answer = _get(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:hub.example.org:{resource.uuid}",
    )

    assert _error_code(answer) == "idDoesNotExist"
    with pytest.raises(oai_errors.NoRecordsMatchError):
        list(harvester.listIdentifiers(metadataPrefix="oai_dc"))


def test_members_only_record_whose_embargo_changed_is_not_reported(
    harvester, member, curator
):
    resource = deposit(owner=member, curator=curator, access="members")
    services.update_metadata(
        resource=resource,
        editor=curator,
        values={"embargo_until": dt.date(2099, 1, 1)},
    )

    with pytest.raises(oai_errors.NoRecordsMatchError):
        list(harvester.listIdentifiers(metadataPrefix="oai_dc"))


def test_record_once_public_then_members_only_then_withdrawn_is_reported_deleted(
    harvester, published, curator
):
    services.update_metadata(
        resource=published, editor=curator, values={"access": "members"}
    )
    services.withdraw(resource=published, curator=curator, reason="Duplicate.")

    headers = list(harvester.listIdentifiers(metadataPrefix="oai_dc"))

    assert [(h.identifier(), h.isDeleted()) for h in headers] == [
        (f"oai:hub.example.org:{published.uuid}", True)
    ]


def test_deleting_a_members_only_record_leaves_no_tombstone(member, curator):
    resource = deposit(owner=member, curator=curator, access="members")

    resource.delete()

    assert DeletedRecord.objects.count() == 0


def test_deleting_a_never_published_draft_leaves_no_tombstone(member, curator):
    draft = deposit(owner=member, curator=curator, state="draft")

    draft.delete()

    assert DeletedRecord.objects.count() == 0


def test_metadata_formats_of_a_deleted_row_is_no_metadata_formats(client, published):
    uuid = published.uuid
    published.delete()

    xml = _get(
        client, verb="ListMetadataFormats", identifier=f"oai:hub.example.org:{uuid}"
    )

    assert _error_code(xml) == "noMetadataFormats"


# Selective harvesting --------------------------------------------------------------


def test_from_and_until_select_by_datestamp_to_the_second(client, member, curator):
    old = deposit(owner=member, curator=curator, title="Old")
    new = deposit(owner=member, curator=curator, title="New")
    _set_updated(old, dt.datetime(2025, 1, 1, 10, 0, 0, 500000, tzinfo=dt.UTC))
    _set_updated(new, dt.datetime(2025, 6, 1, 10, 0, 0, tzinfo=dt.UTC))

    def identifiers(**window) -> list[str]:
        xml = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **window)
        document = assert_valid(xml)
        return [h.findtext(f"{OAI}identifier") for h in document.iter(f"{OAI}header")]

    assert identifiers(**{"from": "2025-01-01T10:00:00Z"}) == [
        f"oai:hub.example.org:{old.uuid}",
        f"oai:hub.example.org:{new.uuid}",
    ]
    assert identifiers(**{"from": "2025-01-01T10:00:01Z"}) == [
        f"oai:hub.example.org:{new.uuid}"
    ]
    assert identifiers(until="2025-01-01T10:00:00Z") == [
        f"oai:hub.example.org:{old.uuid}"
    ]
    assert identifiers(**{"from": "2025-06-01", "until": "2025-06-01"}) == [
        f"oai:hub.example.org:{new.uuid}"
    ]
    xml = _get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2024-12-31"
    )
    assert _error_code(xml) == "noRecordsMatch"


def test_record_whose_embargo_lifted_is_stamped_with_that_day(client, member, curator):
    lifted = dt.date.today() - dt.timedelta(days=1)
    resource = deposit(
        owner=member, curator=curator, title="Was closed", embargo_until=lifted
    )
    _set_updated(resource, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    since = lifted.isoformat()

    document = assert_valid(
        _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})
    )

    assert document.findtext(f"{OAI}ListIdentifiers/{OAI}header/{OAI}datestamp") == (
        f"{since}T00:00:00Z"
    )


def test_sets_select_by_type_area_and_city(harvester, member, curator):
    toolkit = deposit(owner=member, curator=curator, title="Kit")
    bid = deposit(
        owner=member,
        curator=curator,
        title="Bid",
        resource_type="bid_book",
        area_codes=(),
        with_oulu=False,
    )

    def identifiers(set_spec: str) -> list[str]:
        headers = harvester.listIdentifiers(metadataPrefix="oai_dc", set=set_spec)
        return [h.identifier() for h in headers]

    assert identifiers("type:bid_book") == [f"oai:hub.example.org:{bid.uuid}"]
    assert identifiers("area:long-term-strategy") == [
        f"oai:hub.example.org:{toolkit.uuid}"
    ]
    assert identifiers("city:oulu-fi-2026") == [f"oai:hub.example.org:{toolkit.uuid}"]
    with pytest.raises(oai_errors.NoRecordsMatchError):
        identifiers("city:nowhere-xx-1999")


# Resumption tokens -----------------------------------------------------------------


class _SignerAt(TimestampSigner):
    def __init__(self, age: dt.timedelta, **kwargs) -> None:
        super().__init__(**kwargs)
        self.age = age

    def timestamp(self) -> str:
        return b62_encode(int(time.time() - self.age.total_seconds()))


def _token_issued(age: dt.timedelta) -> str:
    payload = oai_protocol.ListRequest(prefix="oai_dc", phase="r", after=0, served=0)
    data = {"m": payload.prefix, "f": "", "u": "", "s": "", "p": "r", "a": 0, "n": 0}
    return _SignerAt(age, salt=oai_protocol.TOKEN_SALT).sign_object(data, compress=True)


def test_token_issued_a_day_and_more_ago_still_resumes(client, published):
    xml = _get(
        client,
        verb="ListRecords",
        resumptionToken=_token_issued(dt.timedelta(days=6, hours=23)),
    )

    document = assert_valid(xml)
    assert len(document.findall(f"{OAI}ListRecords/{OAI}record")) == 1


def test_expired_token_is_bad_resumption_token(client, published):
    xml = _get(
        client,
        verb="ListRecords",
        resumptionToken=_token_issued(dt.timedelta(days=7, minutes=1)),
    )

    assert _error_code(xml) == "badResumptionToken"


def test_forged_token_is_bad_resumption_token(client, published):
    xml = _get(client, verb="ListIdentifiers", resumptionToken="forged:token")

    assert _error_code(xml) == "badResumptionToken"


# Protocol errors and POST ------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-01",
                "until": "2025-01-02T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "marc21"},
            "cannotDisseminateFormat",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:hub.example.org:not-a-uuid",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:elsewhere.org:00000000-0000-0000-0000-000000000000",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ],
)
def test_bad_requests_get_the_spec_error_code(client, published, params, code):
    assert _error_code(_get(client, **params)) == code


def test_repeated_argument_is_bad_argument(client, published):
    xml = client.get("/oai?verb=Identify&verb=Identify").content

    assert _error_code(xml) == "badArgument"


def test_error_for_bad_verb_does_not_echo_arguments(client, published):
    document = assert_valid(_get(client, verb="Harvest"))

    assert dict(document.find(f"{OAI}request").attrib) == {}


def test_members_only_record_is_id_does_not_exist(client, member, curator):
    hidden = deposit(owner=member, curator=curator, access="members")

    xml = _get(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:hub.example.org:{hidden.uuid}",
    )

    assert _error_code(xml) == "idDoesNotExist"


def test_post_requests_are_answered_like_get(client, published):
    response = client.post(
        "/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    )

    document = assert_valid(response.content)
    assert document.findtext(f"{OAI}ListIdentifiers/{OAI}header/{OAI}identifier") == (
        f"oai:hub.example.org:{published.uuid}"
    )


def test_other_methods_are_refused(client, db):
    assert client.put("/oai").status_code == 405


def test_nul_in_an_argument_is_bad_argument(client, published):
    xml = client.get(
        "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=area:a%00b"
    ).content

    assert _error_code(xml) == "badArgument"
