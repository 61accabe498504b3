"""BagIt bags of the library, checked with the Library of Congress's bagit."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import bagit
import pytest
from django.core.management import call_command
from lxml import etree

from ecoc_hub.api.bags import exportable, validate_bag, write_bag
from ecoc_hub.library import samples, services
from ecoc_hub.library.files import open_blob
from tests.library.conftest import make_resource, stage

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "xsd"


@pytest.fixture
def published(member, curator):
    return make_resource(owner=member, curator=curator, title="Bagged toolkit")


def test_a_bag_validates_and_holds_the_files_byte_for_byte(published, tmp_path):
    bag_path = write_bag(published, tmp_path)

    bag = validate_bag(bag_path)

    assert bag_path.name == f"ecoc-hub-{published.uuid}"
    assert bag.info["External-Identifier"] == str(published.uuid)
    assert bag.info["External-Description"] == "Bagged toolkit"
    assert bag.algorithms == ["sha256"]
    file = published.files.get()
    stored = (bag_path / "data" / "files" / "v1" / "report.pdf").read_bytes()
    with open_blob(file.blob) as handle:
        assert stored == handle.read()
    assert sorted(bag.payload_entries()) == [
        "data/files/v1/report.pdf",
        "data/metadata/datacite.xml",
        "data/metadata/dc.xml",
    ]


def test_the_metadata_validates_against_datacite_and_oai_dc(published, tmp_path):
    bag_path = write_bag(published, tmp_path)
    metadata = bag_path / "data" / "metadata"

    datacite = etree.XMLSchema(
        etree.parse(str(XSD / "datacite-kernel-4" / "metadata.xsd"))
    )
    oai_dc = etree.XMLSchema(etree.parse(str(XSD / "oai_dc.xsd")))

    datacite.assertValid(etree.parse(str(metadata / "datacite.xml")))
    oai_dc.assertValid(etree.parse(str(metadata / "dc.xml")))


def test_every_version_of_a_file_is_kept(published, member, tmp_path):
    services.replace_file(
        file=published.files.get(),
        staged=stage(samples.build_pdf(["second edition"]), "report.pdf"),
        uploaded_by=member,
    )

    bag = validate_bag(write_bag(published, tmp_path))

    assert sorted(p for p in bag.payload_entries() if "/files/" in p) == [
        "data/files/v1/report.pdf",
        "data/files/v2/report.pdf",
    ]


def test_a_changed_payload_byte_fails_validation(published, tmp_path):
    bag_path = write_bag(published, tmp_path)
    target = bag_path / "data" / "files" / "v1" / "report.pdf"
    target.write_bytes(target.read_bytes()[:-1] + b"?")

    with pytest.raises(bagit.BagValidationError):
        validate_bag(bag_path)


def test_restricted_records_only_on_request(published, member, tmp_path):
    members_only = make_resource(owner=member, access="members", title="Inside")

    assert list(exportable()) == [published]
    assert list(exportable(include_restricted=True)) == [published, members_only]


def test_the_command_writes_one_bag_per_open_record(published, tmp_path):
    out = StringIO()

    call_command("export_bags", str(tmp_path / "bags"), stdout=out)

    assert out.getvalue() == f"Wrote 1 bags into {tmp_path / 'bags'}.\n"
    assert [p.name for p in (tmp_path / "bags").iterdir()] == [
        f"ecoc-hub-{published.uuid}"
    ]
