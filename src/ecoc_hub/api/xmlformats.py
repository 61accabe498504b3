"""Dublin Core (oai_dc) and DataCite kernel 4 XML of a ``ResourceRecord``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ecoc_hub.library.metadata import ResourceRecord

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
DATACITE_NS = "http://datacite.org/schema/kernel-4"
DATACITE_SCHEMA = "http://schema.datacite.org/meta/kernel-4.6/metadata.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)
ET.register_namespace("datacite", DATACITE_NS)


def _add(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def oai_dc_element(record: ResourceRecord) -> ET.Element:
    root = ET.Element(
        f"{{{OAI_DC_NS}}}dc",
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
    )
    dc = f"{{{DC_NS}}}"
    _add(root, dc + "title", record.title)
    for creator in record.creators:
        _add(root, dc + "creator", creator.name)
    for subject in record.subjects:
        _add(root, dc + "subject", subject)
    if record.abstract:
        _add(root, dc + "description", record.abstract)
    if record.publisher:
        _add(root, dc + "publisher", record.publisher)
    if record.issued:
        _add(root, dc + "date", record.issued)
    _add(root, dc + "type", record.dcmi_type)
    _add(root, dc + "type", record.resource_type_label)
    for media_type in sorted({f.media_type for f in record.files}):
        _add(root, dc + "format", media_type)
    _add(root, dc + "identifier", record.landing_url)
    if record.doi:
        _add(root, dc + "identifier", f"https://doi.org/{record.doi}")
    if record.isbn:
        _add(root, dc + "identifier", f"urn:isbn:{record.isbn}")
    for file in record.files:
        _add(root, dc + "identifier", file.url)
    for language in record.languages:
        _add(root, dc + "language", language)
    if record.url:
        _add(root, dc + "relation", record.url)
    for coverage in [*record.coverage, *record.countries]:
        _add(root, dc + "coverage", coverage)
    if record.licence_url:
        _add(root, dc + "rights", record.licence_url)
    _add(root, dc + "rights", record.licence_label)
    return root


def datacite_element(record: ResourceRecord) -> ET.Element:
    ns = f"{{{DATACITE_NS}}}"
    root = ET.Element(
        ns + "resource",
        {f"{{{XSI_NS}}}schemaLocation": f"{DATACITE_NS} {DATACITE_SCHEMA}"},
    )
    if record.doi:
        _add(root, ns + "identifier", record.doi, identifierType="DOI")
    else:
        _add(root, ns + "identifier", record.landing_url, identifierType="URL")
    creators = ET.SubElement(root, ns + "creators")
    for creator in record.creators or []:
        element = ET.SubElement(creators, ns + "creator")
        name_type = "Personal" if creator.is_person else "Organizational"
        _add(element, ns + "creatorName", creator.name, nameType=name_type)
        if creator.is_person:
            family, given = creator.family_given
            if given:
                _add(element, ns + "givenName", given)
            _add(element, ns + "familyName", family)
    if not record.creators:
        element = ET.SubElement(creators, ns + "creator")
        _add(element, ns + "creatorName", ":unav", nameType="Organizational")
    titles = ET.SubElement(root, ns + "titles")
    title = _add(titles, ns + "title", record.title)
    if record.languages:
        title.set(f"{{{XML_NS}}}lang", record.languages[0])
    _add(root, ns + "publisher", record.publisher or "ECoC Hub")
    _add(root, ns + "publicationYear", str(record.year or ""))
    _add(
        root,
        ns + "resourceType",
        record.resource_type_label,
        resourceTypeGeneral=record.datacite_type,
    )
    if record.subjects:
        subjects = ET.SubElement(root, ns + "subjects")
        for subject in record.subjects:
            _add(subjects, ns + "subject", subject)
    dates = ET.SubElement(root, ns + "dates")
    _add(dates, ns + "date", record.issued or str(record.year or ""), dateType="Issued")
    _add(dates, ns + "date", record.updated_at.date().isoformat(), dateType="Updated")
    if record.embargo_until:
        _add(dates, ns + "date", record.embargo_until.isoformat(), dateType="Available")
    if record.languages:
        _add(root, ns + "language", record.languages[0])
    alternates = ET.SubElement(root, ns + "alternateIdentifiers")
    _add(
        alternates,
        ns + "alternateIdentifier",
        record.landing_url,
        alternateIdentifierType="URL",
    )
    if record.isbn:
        _add(
            alternates,
            ns + "alternateIdentifier",
            record.isbn,
            alternateIdentifierType="ISBN",
        )
    if record.related:
        related = ET.SubElement(root, ns + "relatedIdentifiers")
        for relation_type, identifier_type, identifier in record.related:
            _add(
                related,
                ns + "relatedIdentifier",
                identifier,
                relatedIdentifierType=identifier_type,
                relationType=relation_type,
            )
    if record.files:
        formats = ET.SubElement(root, ns + "formats")
        for media_type in sorted({f.media_type for f in record.files}):
            _add(formats, ns + "format", media_type)
        sizes = ET.SubElement(root, ns + "sizes")
        for file in record.files:
            _add(sizes, ns + "size", f"{file.size} bytes")
    rights_list = ET.SubElement(root, ns + "rightsList")
    rights = _add(rights_list, ns + "rights", record.licence_label)
    if record.licence_url:
        rights.set("rightsURI", record.licence_url)
    if record.abstract:
        descriptions = ET.SubElement(root, ns + "descriptions")
        _add(
            descriptions,
            ns + "description",
            record.abstract,
            descriptionType="Abstract",
        )
    if record.titles or record.countries:
        locations = ET.SubElement(root, ns + "geoLocations")
        for place in [*record.coverage, *record.countries]:
            location = ET.SubElement(locations, ns + "geoLocation")
            _add(location, ns + "geoLocationPlace", place)
    return root


def to_bytes(element: ET.Element) -> bytes:
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)
