"""One crosswalk from a library resource to the outside vocabularies.

OAI-PMH, the exports, JSON-LD, citation meta tags and the REST API all read
a ``ResourceRecord``, so a field is mapped once and every output agrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from ecoc_hub.core.links import absolute
from ecoc_hub.library.files import MEDIA_TYPES
from ecoc_hub.library.models import Resource, ResourceFile, ResourceRelation

LICENCE_URLS: dict[str, str] = {
    Resource.Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Resource.Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Resource.Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Resource.Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Resource.Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Resource.Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Resource.Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Resource.Licence.PUBLIC_DOMAIN: "https://creativecommons.org/publicdomain/mark/1.0/",
    Resource.Licence.ALL_RIGHTS_RESERVED: "http://rightsstatements.org/vocab/InC/1.0/",
}

# The export formats (api.exports writes them) by file suffix, with the media
# type a link or a response announces; the landing page and the search page
# link them (templatetags/open_metadata.py).
EXPORT_MEDIA_TYPES: dict[str, str] = {
    "dc.xml": "application/xml",
    "datacite.xml": "application/vnd.datacite.datacite+xml",
    "csl.json": "application/vnd.citationstyles.csl+json",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems",
    "csv": "text/csv; charset=utf-8",
}
# The most records one search export or feed of the search holds.
SEARCH_EXPORT_LIMIT = 500

# Resource type → (DCMI type, DataCite resourceTypeGeneral, CSL type, BibTeX
# entry type, RIS type, schema.org type).
TYPE_MAP: dict[str, tuple[str, str, str, str, str, str]] = {
    "bid_book": ("Text", "Book", "book", "book", "BOOK", "Book"),
    "selection_report": ("Text", "Report", "report", "techreport", "RPRT", "Report"),
    "monitoring_report": ("Text", "Report", "report", "techreport", "RPRT", "Report"),
    "evaluation": ("Text", "Report", "report", "techreport", "RPRT", "Report"),
    "toolkit": ("Text", "Text", "document", "misc", "GEN", "LearningResource"),
    "guide": ("Text", "Text", "document", "misc", "GEN", "LearningResource"),
    "case_study": ("Text", "Text", "report", "techreport", "RPRT", "Report"),
    "research_report": ("Text", "Report", "report", "techreport", "RPRT", "Report"),
    "presentation": (
        "Text",
        "Text",
        "speech",
        "misc",
        "SLIDE",
        "PresentationDigitalDocument",
    ),
    "recording": ("Sound", "Audiovisual", "broadcast", "misc", "SOUND", "AudioObject"),
    "other": ("Text", "Other", "document", "misc", "GEN", "CreativeWork"),
}


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def oai_identifier(resource_uuid: object) -> str:
    return f"oai:{site_host()}:{resource_uuid}"


def with_record_related(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    return queryset.select_related("owner").prefetch_related(
        "creators",
        "capacity_areas",
        "titles__city",
        Prefetch(
            "relations_from",
            queryset=ResourceRelation.objects.select_related("target").order_by("pk"),
        ),
        Prefetch(
            "files",
            queryset=ResourceFile.objects.filter(is_current=True)
            .select_related("blob")
            .order_by("position", "-version"),
            to_attr="current_files",
        ),
    )


@dataclass(frozen=True)
class FileRecord:
    name: str
    url: str
    media_type: str
    size: int
    kind: str


@dataclass(frozen=True)
class CreatorRecord:
    name: str
    is_person: bool

    @property
    def family_given(self) -> tuple[str, str]:
        """("Family", "Given") for a person written "Given Family"."""
        if "," in self.name:
            family, _sep, given = self.name.partition(",")
            return family.strip(), given.strip()
        parts = self.name.rsplit(" ", 1)
        if len(parts) == 1:
            return parts[0], ""
        return parts[1], parts[0]


@dataclass
class ResourceRecord:
    """What the outside world may know of a resource (no members-only data)."""

    uuid: str
    title: str
    abstract: str
    creators: list[CreatorRecord]
    publisher: str
    year: int | None
    date: dt.date | None
    resource_type: str
    resource_type_label: str
    languages: list[str]
    licence: str
    licence_label: str
    licence_url: str
    access: str
    is_free: bool
    embargo_until: dt.date | None
    doi: str
    isbn: str
    url: str
    landing_url: str
    capacity_areas: list[tuple[str, str]]
    titles: list[tuple[str, str, int]]
    countries: list[str]
    published_at: dt.datetime | None
    updated_at: dt.datetime
    files: list[FileRecord] = field(default_factory=list)
    # (DataCite relationType, identifier type, identifier) of related
    # resources the outside world may see.
    related: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def issued(self) -> str:
        if self.date:
            return self.date.isoformat()
        return str(self.year) if self.year else ""

    @property
    def dcmi_type(self) -> str:
        return TYPE_MAP[self.resource_type][0]

    @property
    def datacite_type(self) -> str:
        return TYPE_MAP[self.resource_type][1]

    @property
    def csl_type(self) -> str:
        return TYPE_MAP[self.resource_type][2]

    @property
    def bibtex_type(self) -> str:
        return TYPE_MAP[self.resource_type][3]

    @property
    def ris_type(self) -> str:
        return TYPE_MAP[self.resource_type][4]

    @property
    def schema_type(self) -> str:
        kinds = {f.kind for f in self.files}
        if self.resource_type == "recording" and kinds & {"mp4", "webm"}:
            return "VideoObject"
        return TYPE_MAP[self.resource_type][5]

    @property
    def cite_as(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.landing_url

    @property
    def subjects(self) -> list[str]:
        return [name for _code, name in self.capacity_areas]

    @property
    def coverage(self) -> list[str]:
        return [f"{city} {year}" for city, _slug, year in self.titles]


def build_record(resource: Resource, *, include_files: bool = True) -> ResourceRecord:
    """The record of a resource fetched with ``with_record_related``.

    Files appear only when they may be downloaded by anyone: a public,
    published, unembargoed resource.
    """
    files: list[FileRecord] = []
    open_files = (
        include_files
        and resource.access == Resource.Access.PUBLIC
        and resource.state == Resource.State.PUBLISHED
        and not resource.is_embargoed
    )
    # with_record_related() prefetches the current files as current_files.
    prefetched = getattr(resource, "current_files", None)
    current: Iterable[ResourceFile] = (
        prefetched
        if prefetched is not None
        else resource.files.filter(is_current=True).select_related("blob")
    )
    if open_files:
        files = [
            FileRecord(
                name=f.original_name,
                url=absolute(f.get_absolute_url()),
                media_type=MEDIA_TYPES.get(f.kind, f.blob.media_type).split(";")[0],
                size=f.blob.size,
                kind=f.kind,
            )
            for f in current
        ]
    return ResourceRecord(
        uuid=str(resource.uuid),
        title=resource.title,
        abstract=resource.abstract,
        creators=[
            CreatorRecord(name=c.name, is_person=c.kind == "person")
            for c in resource.creators.all()
        ],
        publisher=resource.publisher,
        year=resource.publication_year,
        date=resource.publication_date,
        resource_type=resource.resource_type,
        resource_type_label=str(resource.get_resource_type_display()),
        languages=list(resource.languages),
        licence=resource.licence,
        licence_label=str(resource.get_licence_display()),
        licence_url=LICENCE_URLS.get(resource.licence, ""),
        access=resource.access,
        is_free=resource.access == Resource.Access.PUBLIC,
        embargo_until=resource.embargo_until,
        doi=resource.doi,
        isbn=resource.isbn,
        url=resource.url,
        landing_url=absolute(resource.get_absolute_url()),
        capacity_areas=[
            (area.code, area.display_name) for area in resource.capacity_areas.all()
        ],
        titles=[(t.city.name, t.city.slug, t.year) for t in resource.titles.all()],
        countries=sorted(
            set(resource.countries)
            | {t.city.country_code for t in resource.titles.all()}
        ),
        published_at=resource.published_at,
        updated_at=resource.updated_at,
        files=files,
        related=[
            _related(relation.kind, relation.target)
            for relation in resource.relations_from.all()
            if relation.target.state == Resource.State.PUBLISHED
            and relation.target.access == Resource.Access.PUBLIC
        ],
    )


# ResourceRelation.kind → DataCite relationType (kernel 4.6).
RELATION_TYPES = {
    "translation_of": "IsTranslationOf",
    "part_of": "IsPartOf",
    "new_version_of": "IsNewVersionOf",
}


def _related(kind: str, target: Resource) -> tuple[str, str, str]:
    if target.doi:
        return RELATION_TYPES[kind], "DOI", target.doi
    return RELATION_TYPES[kind], "URL", absolute(target.get_absolute_url())
