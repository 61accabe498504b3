"""The library's REST operations (mounted under /api/v1/ by ecoc_hub.api).

Thin: reads go through the library's search and permission functions,
writes through the library's services.
"""

# django-ninja declares query parameters as Query(...) defaults.
# ruff: noqa: B008

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field, field_validator

from ecoc_hub.api.auth import READ, WRITE, caller
from ecoc_hub.api.paging import PageMeta, envelope, page_number, page_size
from ecoc_hub.api.problems import ERRORS, Problem, problem
from ecoc_hub.cities import queries as city_queries
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import check_object, check_user, get_for_user
from ecoc_hub.library import librarysearch
from ecoc_hub.library.librarysearch import resources_in_order
from ecoc_hub.library.metadata import LICENCE_URLS, with_record_related
from ecoc_hub.search.params import (
    FACETS,
    MAX_QUERY_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
    SearchParams,
)

from . import permissions, services
from .enums import CreatorKind, Licence, ResourceType
from .files import MEDIA_TYPES, UploadRejected, stage_upload
from .models import Resource, ResourceFile

router = Router()


# Schemas -------------------------------------------------------------------------


class CreatorOut(Schema):
    name: str
    kind: str


class FileOut(Schema):
    uuid: UUID
    name: str
    label: str
    kind: str
    media_type: str
    size: int
    version: int
    url: str


class ResourceOut(Schema):
    uuid: UUID
    url: str
    api_url: str
    title: str
    abstract: str
    creators: list[CreatorOut]
    publisher: str
    publication_year: int | None
    publication_date: dt.date | None
    resource_type: str
    languages: list[str]
    licence: str
    licence_url: str
    access: str
    embargo_until: dt.date | None
    doi: str
    isbn: str
    capacity_areas: list[str]
    title_cities: list[str]
    state: str
    published_at: dt.datetime | None
    updated_at: dt.datetime


class ResourceDetailOut(ResourceOut):
    files: list[FileOut]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ResourcePage(PageMeta):
    facets: dict[str, list[FacetValueOut]]
    results: list[ResourceOut]


# The API accepts public and members-only records; restricted access needs
# named teams, which only the deposit form can choose
# (tests/library/test_api_enums.py keeps this a subset of Access).
ApiAccess = Literal["public", "members"]


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class CreatorIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: CreatorKind = CreatorKind.PERSON

    @field_validator("name")
    @classmethod
    def _name_without_nul(cls, value: str) -> str:
        return _no_nul(value)


class ResourceIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    abstract: str = Field(default="", max_length=20000)
    publisher: str = Field(default="", max_length=200)
    publication_year: int | None = Field(default=None, ge=1900, le=2100)
    resource_type: ResourceType = ResourceType.OTHER
    languages: list[str] = Field(default_factory=list, max_length=20)
    licence: Licence = Licence.ALL_RIGHTS_RESERVED
    access: ApiAccess = "public"
    creators: list[CreatorIn] = Field(default_factory=list, max_length=50)
    capacity_areas: list[str] = Field(default_factory=list, max_length=30)
    title_cities: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="Title cities as <city slug>-<year>, e.g. oulu-fi-2026.",
    )

    @field_validator(
        "title", "abstract", "publisher", "languages", "capacity_areas", "title_cities"
    )
    @classmethod
    def _text_without_nul(cls, value: Any) -> Any:
        return _no_nul(value)


# Helpers -------------------------------------------------------------------------


def _resource_out(resource: Resource) -> dict[str, Any]:
    return {
        "uuid": resource.uuid,
        "url": absolute(resource.get_absolute_url()),
        "api_url": absolute(reverse("rest:resource_detail", args=[resource.uuid])),
        "title": resource.title,
        "abstract": resource.abstract,
        "creators": [{"name": c.name, "kind": c.kind} for c in resource.creators.all()],
        "publisher": resource.publisher,
        "publication_year": resource.publication_year,
        "publication_date": resource.publication_date,
        "resource_type": resource.resource_type,
        "languages": list(resource.languages),
        "licence": resource.licence,
        "licence_url": LICENCE_URLS.get(resource.licence, ""),
        "access": resource.access,
        "embargo_until": resource.embargo_until,
        "doi": resource.doi,
        "isbn": resource.isbn,
        "capacity_areas": [a.code for a in resource.capacity_areas.all()],
        "title_cities": [f"{t.city.slug}-{t.year}" for t in resource.titles.all()],
        "state": resource.state,
        "published_at": resource.published_at,
        "updated_at": resource.updated_at,
    }


def _file_out(file: ResourceFile) -> dict[str, Any]:
    return {
        "uuid": file.uuid,
        "name": file.original_name,
        "label": file.label,
        "kind": file.kind,
        "media_type": MEDIA_TYPES.get(file.kind, file.blob.media_type).split(";")[0],
        "size": file.blob.size,
        "version": file.version,
        "url": absolute(file.get_absolute_url()),
    }


def _get_resource(request: HttpRequest, uuid: UUID) -> Resource:
    """The library's rule through the gate: hidden 404, withdrawn 410, closed 403."""
    user = caller(request)
    resource = get_for_user(
        with_record_related(Resource.objects.all()).prefetch_related(
            "allowed_organisations"
        ),
        user,
        can_see=permissions.can_see_resource,
        hidden="No resource has this identifier.",
        uuid=uuid,
    )
    if resource.state == Resource.State.WITHDRAWN:
        raise HttpError(410, "This resource was withdrawn.")
    return check_object(
        user,
        resource,
        can_see=permissions.can_see_resource,
        can_do=permissions.can_view_resource,
        refused="This resource is not open to you.",
    )


def _reloaded(resource: Resource) -> Resource:
    return with_record_related(Resource.objects.filter(pk=resource.pk)).get()


def _detail(resource: Resource, user: Any) -> dict[str, Any]:
    data = _resource_out(resource)
    files = resource.files.filter(is_current=True).select_related("blob", "resource")
    data["files"] = [
        _file_out(f) for f in files if permissions.can_download_file(user, f)
    ]
    return data


# Read endpoints --------------------------------------------------------------------


@router.get(
    "/resources",
    response={200: ResourcePage, **ERRORS},
    auth=READ,
    url_name="resources",
    summary="Search the library",
)
def list_resources(
    request: HttpRequest,
    response: HttpResponse,
    q: str = Query(
        "",
        description=f"Words to find; cut at {MAX_QUERY_LENGTH} characters, as on "
        "the site's search page.",
    ),
    sort: Literal["relevance", "newest", "title", "popular"] | None = None,
    type: list[str] = Query([]),
    capacity_area: list[str] = Query([]),
    city: list[str] = Query([]),
    country: list[str] = Query([]),
    year: list[str] = Query([]),
    language: list[str] = Query([]),
    licence: list[str] = Query([]),
    year_from: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR),
    year_to: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR),
    page: int = page_number(),
    per_page: int = page_size(20),
) -> Any:
    """The site's query language (words, "phrases", -exclusion, OR) and
    facets, over what the caller may see."""
    # The declared parameters document and type-check the call; what they
    # mean is read by the same parser as the site's pages and feeds.
    params = SearchParams.from_query(request.GET, facets=FACETS)
    user = caller(request)
    results = librarysearch.run(params, user=user, page=page, per_page=per_page)
    resources = resources_in_order(user, [hit.object_id for hit in results.hits])
    body = envelope(
        request,
        response,
        count=results.total,
        page=results.page,
        pages=results.num_pages,
        per_page=results.per_page,
    )
    body["facets"] = {
        name: [
            {
                "value": c.value,
                "label": c.label,
                "count": c.count,
                "selected": c.selected,
            }
            for c in results.facets.get(name, [])
        ]
        for name in FACETS
    }
    body["results"] = [_resource_out(r) for r in resources]
    return body


@router.get(
    "/resources/{uuid}",
    response={200: ResourceDetailOut, 410: Problem, **ERRORS},
    auth=READ,
    url_name="resource_detail",
    summary="One resource, with the files the caller may download",
)
def resource_detail(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    return _detail(resource, caller(request))


@router.get(
    "/resources/{uuid}/files",
    response={200: list[FileOut], 410: Problem, **ERRORS},
    auth=READ,
    url_name="resource_files",
    summary="The current files of a resource the caller may download",
)
def resource_files(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    return _detail(resource, caller(request))["files"]


# Write endpoints ---------------------------------------------------------------------


def _titles_from(specs: list[str]) -> list[Title]:
    titles = []
    for spec in specs:
        title = city_queries.title_for_spec(spec)
        if title is None:
            raise HttpError(400, f"Unknown title city: {spec[:80]}")
        titles.append(title)
    return titles


def _areas_from(codes: list[str]) -> list[CapacityArea]:
    areas = city_queries.capacity_areas_by_code(codes)
    missing = sorted(set(codes) - {a.code for a in areas})
    if missing:
        raise HttpError(400, f"Unknown capacity areas: {', '.join(missing)[:200]}")
    return areas


def _invalid(error: DjangoValidationError) -> HttpResponse:
    errors = [
        {"loc": [field], "msg": str(message)}
        for field, messages in getattr(
            error, "message_dict", {"": error.messages}
        ).items()
        for message in messages
    ]
    return problem(400, "The resource is not valid.", errors)


@router.post(
    "/resources",
    response={201: ResourceDetailOut, **ERRORS},
    auth=WRITE,
    url_name="resource_create",
    summary="Create a draft resource",
)
def create_resource(request: HttpRequest, payload: ResourceIn) -> Any:
    user = caller(request)
    check_user(
        user, permissions.can_contribute, refused="Only members contribute resources."
    )
    areas = _areas_from(payload.capacity_areas)
    titles = _titles_from(payload.title_cities)
    try:
        resource = services.create_draft(
            owner=user,
            title=payload.title,
            values={
                "abstract": payload.abstract,
                "publisher": payload.publisher,
                "publication_year": payload.publication_year,
                "resource_type": payload.resource_type,
                "languages": payload.languages,
                "licence": payload.licence,
                "access": payload.access,
            },
            creators=[
                services.CreatorData(name=c.name, kind=c.kind) for c in payload.creators
            ],
            capacity_areas=areas,
            titles=titles,
        )
    except DjangoValidationError as error:
        return _invalid(error)
    return Status(201, _detail(_reloaded(resource), user))


@router.post(
    "/resources/{uuid}/files",
    response={201: FileOut, 409: Problem, 410: Problem, 413: Problem, **ERRORS},
    auth=WRITE,
    url_name="resource_upload",
    summary="Upload a file to a draft (the library's upload checks apply)",
)
def upload_file(
    request: HttpRequest,
    uuid: UUID,
    file: File[UploadedFile],
    label: Form[str] = "",
) -> Any:
    resource = _get_resource(request, uuid)
    user = caller(request)
    check_object(
        user,
        resource,
        can_see=permissions.can_see_resource,
        can_do=permissions.can_edit,
        refused="You cannot add files to this resource.",
    )
    try:
        staged = stage_upload(source=file, filename=file.name or "upload")
    except UploadRejected as error:
        return problem(400, error.message)
    added = services.add_file(
        resource=resource,
        staged=staged,
        uploaded_by=user,
        label=label.replace("\x00", "")[:200],
    )
    added = ResourceFile.objects.select_related("blob").get(pk=added.pk)
    return Status(201, _file_out(added))


@router.post(
    "/resources/{uuid}/submit",
    response={200: ResourceDetailOut, 409: Problem, 410: Problem, **ERRORS},
    auth=WRITE,
    url_name="resource_submit",
    summary="Submit a draft for review",
)
def submit_resource(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    user = caller(request)
    # The workflow refuses (403) anyone but the contributor, and answers a
    # wrong state or a missing field with a 409 (api.problems).
    services.moderate(resource=resource, action="submit", actor=user)
    return _detail(_reloaded(resource), user)


@router.post(
    "/resources/{uuid}/publish",
    response={200: ResourceDetailOut, 409: Problem, 410: Problem, **ERRORS},
    auth=WRITE,
    url_name="resource_publish",
    summary="Publish (curators): approve a submission or publish directly",
)
def publish_resource(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    user = caller(request)
    check_user(user, permissions.can_moderate, refused="Only curators publish.")
    services.publish(resource=resource, curator=user)
    return _detail(_reloaded(resource), user)
