"""What a public landing page tells machines: schema.org JSON-LD, FAIR
Signposting (Link headers and a linkset), Highwire ``citation_*`` meta tags
and Open Graph tags. All read the same ``ResourceRecord``."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from ecoc_hub.library.models import Resource

from .metadata import ResourceRecord, absolute, build_record, with_record_related

SCHEMA = "https://schema.org/"
CSL_JSON = "application/vnd.citationstyles.csl+json"
DATACITE_XML = "application/vnd.datacite.datacite+xml"
LINKSET_JSON = "application/linkset+json"


def is_public_landing(resource: Resource) -> bool:
    return (
        resource.state == Resource.State.PUBLISHED
        and resource.access == Resource.Access.PUBLIC
    )


def record_for(resource: Resource) -> ResourceRecord:
    fetched = with_record_related(Resource.objects.filter(pk=resource.pk)).get()
    return build_record(fetched)


def export_url(record: ResourceRecord, fmt: str) -> str:
    return absolute(reverse("api:resource_export", args=[record.uuid, fmt]))


def linkset_url(record: ResourceRecord) -> str:
    return absolute(reverse("api:linkset", args=[record.uuid]))


# schema.org ---------------------------------------------------------------------


def _media_object(record: ResourceRecord, index: int) -> dict[str, Any]:
    file = record.files[index]
    kind = "MediaObject"
    if file.media_type.startswith("audio/"):
        kind = "AudioObject"
    elif file.media_type.startswith("video/"):
        kind = "VideoObject"
    return {
        "@type": kind,
        "name": file.name,
        "contentUrl": file.url,
        "encodingFormat": file.media_type,
        "contentSize": f"{file.size} B",
    }


def resource_jsonld(record: ResourceRecord) -> dict[str, Any]:
    media = [_media_object(record, i) for i in range(len(record.files))]
    data: dict[str, Any] = {
        "@type": record.schema_type,
        "@id": record.landing_url,
        "url": record.landing_url,
        "name": record.title,
        "description": record.abstract,
        "author": [
            {"@type": "Person" if c.is_person else "Organization", "name": c.name}
            for c in record.creators
        ],
        "datePublished": record.issued,
        "dateModified": record.updated_at.isoformat(),
        "inLanguage": record.languages,
        "license": record.licence_url,
        "isAccessibleForFree": record.is_free,
        "publisher": {"@type": "Organization", "name": record.publisher}
        if record.publisher
        else None,
        "identifier": [
            value
            for value in [
                f"https://doi.org/{record.doi}" if record.doi else "",
                f"urn:isbn:{record.isbn}" if record.isbn else "",
            ]
            if value
        ],
        "isbn": record.isbn if record.schema_type == "Book" else "",
        "genre": record.resource_type_label,
        "keywords": record.subjects,
        "about": [
            {"@type": "DefinedTerm", "name": name, "termCode": code}
            for code, name in record.capacity_areas
        ],
        "spatialCoverage": [
            {"@type": "Place", "name": f"{city} {year}"}
            for city, _slug, year in record.titles
        ],
        "encoding": media,
        "associatedMedia": media,
    }
    if record.embargo_until:
        data["conditionsOfAccess"] = f"Files available from {record.embargo_until}"
    if record.schema_type in {"AudioObject", "VideoObject"} and media:
        data["contentUrl"] = media[0]["contentUrl"]
        data["encodingFormat"] = media[0]["encodingFormat"]
    if record.schema_type == "LearningResource":
        data["learningResourceType"] = record.resource_type_label
    return data


# Highwire Press / Google Scholar and Open Graph ---------------------------------


def citation_meta(record: ResourceRecord) -> list[tuple[str, str]]:
    tags = [("citation_title", record.title)]
    tags += [("citation_author", c.name) for c in record.creators]
    if record.date:
        tags.append(("citation_publication_date", record.date.strftime("%Y/%m/%d")))
    elif record.year:
        tags.append(("citation_publication_date", str(record.year)))
    if record.publisher:
        tags.append(("citation_publisher", record.publisher))
        if record.bibtex_type == "techreport":
            tags.append(("citation_technical_report_institution", record.publisher))
    tags += [("citation_language", code) for code in record.languages]
    tags += [("citation_keywords", subject) for subject in record.subjects]
    if record.doi:
        tags.append(("citation_doi", record.doi))
    if record.isbn:
        tags.append(("citation_isbn", record.isbn))
    tags.append(("citation_abstract_html_url", record.landing_url))
    pdfs = [f.url for f in record.files if f.media_type == "application/pdf"]
    if pdfs:
        tags.append(("citation_pdf_url", pdfs[0]))
    return tags


def open_graph(record: ResourceRecord) -> list[tuple[str, str]]:
    og_type = "book" if record.schema_type == "Book" else "article"
    tags = [
        ("og:type", og_type),
        ("og:title", record.title),
        ("og:url", record.landing_url),
        ("og:site_name", "ECoC Hub"),
    ]
    if record.abstract:
        tags.append(("og:description", record.abstract[:300]))
    if record.languages:
        tags.append(("og:locale", record.languages[0]))
    if og_type == "article" and record.published_at:
        tags.append(("article:published_time", record.published_at.isoformat()))
    if og_type == "book" and record.isbn:
        tags.append(("book:isbn", record.isbn))
    return tags


# FAIR Signposting -----------------------------------------------------------------


def signposting_links(record: ResourceRecord) -> list[tuple[str, str, str]]:
    """(target, rel, media type) of the landing page's typed links."""
    links = [
        (record.cite_as, "cite-as", ""),
        (export_url(record, "datacite.xml"), "describedby", DATACITE_XML),
        (export_url(record, "csl.json"), "describedby", CSL_JSON),
    ]
    links += [(f.url, "item", f.media_type) for f in record.files]
    if record.licence_url:
        links.append((record.licence_url, "license", ""))
    links.append((SCHEMA + record.schema_type, "type", ""))
    links.append((SCHEMA + "AboutPage", "type", ""))
    links.append((linkset_url(record), "linkset", LINKSET_JSON))
    return links


def link_header(links: list[tuple[str, str, str]]) -> str:
    parts = []
    for target, rel, media_type in links:
        part = f'<{target}> ; rel="{rel}"'
        if media_type:
            part += f' ; type="{media_type}"'
        parts.append(part)
    return " , ".join(parts)


def add_signposting(response: HttpResponse, resource: Resource) -> HttpResponse:
    """Give a public landing page its level 1 Signposting Link header."""
    if is_public_landing(resource) and response.status_code == 200:
        response["Link"] = link_header(signposting_links(record_for(resource)))
    return response


def linkset(record: ResourceRecord) -> dict[str, Any]:
    """The level 2 linkset (RFC 9264): the landing page's links, and the
    reverse links of its items and metadata documents."""
    landing: dict[str, Any] = {"anchor": record.landing_url}
    for target, rel, media_type in signposting_links(record):
        if rel == "linkset":
            continue
        entry = {"href": target}
        if media_type:
            entry["type"] = media_type
        landing.setdefault(rel, []).append(entry)
    contexts = [landing]
    contexts += [
        {
            "anchor": file.url,
            "collection": [{"href": record.landing_url, "type": "text/html"}],
        }
        for file in record.files
    ]
    contexts += [
        {
            "anchor": export_url(record, fmt),
            "describes": [{"href": record.landing_url, "type": "text/html"}],
        }
        for fmt in ("datacite.xml", "csl.json")
    ]
    return {"linkset": contexts}
