"""REST API v1 (django-ninja): /api/v1/, OpenAPI at /api/openapi.json, docs
at /api/docs.

Thin: reads go through the library's search and permission functions,
writes through the library's services. Errors are RFC 9457 problem details;
GET responses carry an ETag and answer If-None-Match with 304; requests are
rate-limited per address and per token (cache counters, Retry-After).
"""

# django-ninja declares query parameters as Query(...) defaults.
# ruff: noqa: B008

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable
from typing import Any, Literal
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import urlencode
from ninja import File, Form, NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle
from pydantic import Field, field_validator

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library import permissions, services
from ecoc_hub.library.files import UploadRejected, stage_upload
from ecoc_hub.library.models import Resource, ResourceFile
from ecoc_hub.search.queries import MAX_PER_PAGE

from .librarysearch import FACETS, LibraryQuery, resources_in_order
from .metadata import LICENCE_URLS, absolute, with_record_related
from .services import user_for_token

PROBLEM_JSON = "application/problem+json"


# Problems (RFC 9457) ------------------------------------------------------------


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, Any]] = Field(default_factory=list)


PROBLEMS: dict[int, str] = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    413: "Content too large",
    422: "Unprocessable content",
    429: "Too many requests",
}


def problem(
    status: int, detail: str = "", errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": PROBLEMS.get(status, "Error"),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return HttpResponse(
        json.dumps(body, default=str), status=status, content_type=PROBLEM_JSON
    )


# Throttling --------------------------------------------------------------------


class _Throttle(SimpleRateThrottle):
    setting = ""
    default_rate = ""

    def get_rate(self) -> str:
        # Read when a request comes, so settings can change (and tests).
        return str(getattr(settings, self.setting, self.default_rate))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressThrottle(_Throttle):
    scope = "api-address"
    setting = "ECOC_HUB_API_RATE_PER_ADDRESS"
    default_rate = "300/min"

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class TokenThrottle(_Throttle):
    scope = "api-token"
    setting = "ECOC_HUB_API_RATE_PER_TOKEN"
    default_rate = "1200/min"

    def get_cache_key(self, request: HttpRequest) -> str | None:  # type: ignore[override]
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer "):
            return None  # not throttled per token: there is none
        digest = hashlib.sha256(header[7:].strip().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


# Authentication ----------------------------------------------------------------


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token)


def anonymous(request: HttpRequest) -> Any:
    """Reading needs no token; a token that is sent must be valid."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


READ = [TokenAuth(), anonymous]
WRITE = [TokenAuth()]


class HubNinjaAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method in {"GET", "HEAD"} and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            response["Vary"] = "Authorization"
            wanted = [
                tag.strip().removeprefix("W/")
                for tag in request.headers.get("If-None-Match", "").split(",")
            ]
            if etag in wanted or "*" in wanted:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                not_modified["Vary"] = "Authorization"
                return not_modified
        return response

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        # Errors are served as problem+json; say so in the document.
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                if method == "get" and operation.get("security"):
                    # Reading works without a token too (OpenAPI: {}).
                    operation["security"].append({})
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        return schema


api = HubNinjaAPI(
    title="ECoC Hub API",
    version="1",
    description=(
        "Read the library (search with the site's query language and facets, "
        "records, files), title cities and capacity areas; deposit with a "
        "personal token. See docs/harvesting-and-api.md."
    ),
    urls_namespace="rest",
    openapi_url="/openapi.json",
    docs_url="/docs",
    throttle=[AddressThrottle(), TokenThrottle()],
)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return problem(422, "The request does not match the API's schema.", errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(401, "Send a valid personal token: Authorization: Bearer …")
    response["WWW-Authenticate"] = 'Bearer realm="ECoC Hub"'
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = problem(429, "Too many requests; wait before retrying.")
    response["Retry-After"] = str(math.ceil(exc.wait or 1))
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, str(exc))


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


class Links(Schema):
    self: str
    first: str
    last: str
    next: str | None = None
    prev: str | None = None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ResourcePage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    links: Links
    facets: dict[str, list[FacetValueOut]]
    results: list[ResourceOut]


class TitleOut(Schema):
    year: int
    city: str
    city_slug: str
    country_code: str
    status: str
    set_spec: str
    url: str


class TitlePage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    links: Links
    results: list[TitleOut]


class CapacityAreaOut(Schema):
    code: str
    name: str
    criterion: str
    url: str


class CapacityAreaPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    links: Links
    results: list[CapacityAreaOut]


ResourceTypeLiteral = Literal[
    "bid_book",
    "selection_report",
    "monitoring_report",
    "evaluation",
    "toolkit",
    "guide",
    "case_study",
    "research_report",
    "presentation",
    "recording",
    "other",
]
LicenceLiteral = Literal[
    "cc0-1.0",
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-4.0",
    "pdm-1.0",
    "all-rights-reserved",
]


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class CreatorIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["person", "organisation"] = "person"

    @field_validator("name")
    @classmethod
    def _name_without_nul(cls, value: str) -> str:
        return _no_nul(value)


class ResourceIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    abstract: str = Field(default="", max_length=20000)
    publisher: str = Field(default="", max_length=200)
    publication_year: int | None = Field(default=None, ge=1900, le=2100)
    resource_type: ResourceTypeLiteral = "other"
    languages: list[str] = Field(default_factory=list, max_length=20)
    licence: LicenceLiteral = "all-rights-reserved"
    access: Literal["public", "members"] = "public"
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
    from ecoc_hub.library.files import MEDIA_TYPES

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


def _links(request: HttpRequest, page: int, pages: int) -> dict[str, str | None]:
    params = [
        (k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"
    ]

    def at(number: int) -> str:
        return absolute(request.path) + "?" + urlencode([*params, ("page", number)])

    return {
        "self": at(page),
        "first": at(1),
        "last": at(pages),
        "next": at(page + 1) if page < pages else None,
        "prev": at(page - 1) if page > 1 else None,
    }


def _link_header(response: HttpResponse, links: dict[str, str | None]) -> None:
    parts = [
        f'<{url}>; rel="{rel}"'
        for rel, url in links.items()
        if url and rel in {"first", "last", "next", "prev"}
    ]
    response["Link"] = ", ".join(parts)


def _paged(queryset: Any, page: int, per_page: int) -> tuple[list[Any], int, int]:
    count = queryset.count()
    pages = max(1, math.ceil(count / per_page))
    page = min(page, pages)
    items = list(queryset[(page - 1) * per_page : page * per_page])
    return items, count, pages


def _page(
    request: HttpRequest,
    response: HttpResponse,
    queryset: Any,
    page: int,
    per_page: int,
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of a list endpoint: the envelope, its links and Link header."""
    items, count, pages = _paged(queryset, page, per_page)
    page = min(page, pages)
    links = _links(request, page, pages)
    _link_header(response, links)
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "per_page": per_page,
        "links": links,
        "results": [serialize(item) for item in items],
    }


def _get_resource(request: HttpRequest, uuid: UUID) -> Resource:
    """The library's rule: hidden records are 404, forbidden ones 403."""
    resource = (
        with_record_related(Resource.objects.filter(uuid=uuid))
        .prefetch_related("allowed_organisations")
        .first()
    )
    if resource is None:
        raise HttpError(404, "No resource has this identifier.")
    user = request.auth  # type: ignore[attr-defined]
    if resource.state == Resource.State.WITHDRAWN:
        raise HttpError(410, "This resource was withdrawn.")
    if not permissions.can_view_resource(user, resource):
        if resource.state != Resource.State.PUBLISHED:
            raise HttpError(404, "No resource has this identifier.")
        raise HttpError(403, "This resource is not open to you.")
    return resource


def _detail(resource: Resource, user: Any) -> dict[str, Any]:
    data = _resource_out(resource)
    files = resource.files.filter(is_current=True).select_related("blob", "resource")
    data["files"] = [
        _file_out(f) for f in files if permissions.can_download_file(user, f)
    ]
    return data


# Read endpoints --------------------------------------------------------------------

v1 = Router()
ERRORS = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
    429: Problem,
}


@v1.get(
    "/resources",
    response={200: ResourcePage, **ERRORS},
    auth=READ,
    url_name="resources",
    summary="Search the library",
)
def list_resources(
    request: HttpRequest,
    response: HttpResponse,
    q: str = Query("", max_length=500),
    sort: Literal["relevance", "newest", "title", "popular"] | None = None,
    type: list[str] = Query([]),
    capacity_area: list[str] = Query([]),
    city: list[str] = Query([]),
    country: list[str] = Query([]),
    year: list[str] = Query([]),
    language: list[str] = Query([]),
    licence: list[str] = Query([]),
    year_from: int | None = Query(None, ge=1900, le=2100),
    year_to: int | None = Query(None, ge=1900, le=2100),
    page: int = Query(1, ge=1, le=100000),
    per_page: int = Query(20, ge=1, le=MAX_PER_PAGE),
) -> Any:
    """The site's query language (words, "phrases", -exclusion, OR) and
    facets, over what the caller may see."""
    q = q.replace("\x00", "")
    values = {
        "type": type,
        "capacity_area": capacity_area,
        "city": city,
        "country": country,
        "year": year,
        "language": language,
        "licence": licence,
    }
    library_query = LibraryQuery(
        query=q.strip(),
        sort=sort or ("relevance" if q.strip() else "newest"),
        filters={
            name: [v.replace("\x00", "")[:200] for v in vals[:20]]
            for name, vals in values.items()
            if vals
        },
        year_from=year_from,
        year_to=year_to,
    )
    user = request.auth  # type: ignore[attr-defined]
    results = library_query.run(user=user, page=page, per_page=per_page)
    resources = resources_in_order(user, [hit.object_id for hit in results.hits])
    links = _links(request, results.page, results.num_pages)
    _link_header(response, links)
    return {
        "count": results.total,
        "page": results.page,
        "pages": results.num_pages,
        "per_page": results.per_page,
        "links": links,
        "facets": {
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
        },
        "results": [_resource_out(r) for r in resources],
    }


@v1.get(
    "/resources/{uuid}",
    response={200: ResourceDetailOut, 410: Problem, **ERRORS},
    auth=READ,
    url_name="resource_detail",
    summary="One resource, with the files the caller may download",
)
def resource_detail(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    return _detail(resource, request.auth)  # type: ignore[attr-defined]


@v1.get(
    "/resources/{uuid}/files",
    response={200: list[FileOut], 410: Problem, **ERRORS},
    auth=READ,
    url_name="resource_files",
    summary="The current files of a resource the caller may download",
)
def resource_files(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    return _detail(resource, request.auth)["files"]  # type: ignore[attr-defined]


@v1.get(
    "/title-cities",
    response={200: TitlePage, **ERRORS},
    auth=READ,
    url_name="titles",
    summary="European Capital of Culture titles",
)
def list_titles(
    request: HttpRequest,
    response: HttpResponse,
    year: int | None = Query(None, ge=1985, le=2100),
    page: int = Query(1, ge=1, le=100000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
) -> Any:
    titles = (
        Title.objects.exclude(status=Title.Status.UNVERIFIED)
        .select_related("city")
        .order_by("year", "city__name", "pk")
    )
    if year is not None:
        titles = titles.filter(year=year)
    return _page(
        request,
        response,
        titles,
        page,
        per_page,
        lambda t: {
            "year": t.year,
            "city": t.city.name,
            "city_slug": t.city.slug,
            "country_code": t.city.country_code,
            "status": t.status,
            "set_spec": f"city:{t.city.slug}-{t.year}",
            "url": absolute(t.get_absolute_url()),
        },
    )


@v1.get(
    "/capacity-areas",
    response={200: CapacityAreaPage, **ERRORS},
    auth=READ,
    url_name="capacity_areas",
    summary="The capacity areas resources are tagged with",
)
def list_capacity_areas(
    request: HttpRequest,
    response: HttpResponse,
    page: int = Query(1, ge=1, le=100000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
) -> Any:
    areas = CapacityArea.objects.select_related("criterion").order_by(
        "criterion__letter", "position", "pk"
    )
    return _page(
        request,
        response,
        areas,
        page,
        per_page,
        lambda a: {
            "code": a.code,
            "name": a.display_name,
            "criterion": a.criterion.display_name,
            "url": absolute(a.get_absolute_url()),
        },
    )


# Write endpoints ---------------------------------------------------------------------


def _titles_from(specs: list[str]) -> list[Title]:
    titles = []
    for spec in specs:
        slug, _dash, year = spec.rpartition("-")
        title = (
            Title.objects.filter(city__slug=slug, year=int(year)).first()
            if slug and year.isdigit()
            else None
        )
        if title is None:
            raise HttpError(400, f"Unknown title city: {spec[:80]}")
        titles.append(title)
    return titles


def _areas_from(codes: list[str]) -> list[CapacityArea]:
    areas = list(CapacityArea.objects.filter(code__in=codes))
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


@v1.post(
    "/resources",
    response={201: ResourceDetailOut, **ERRORS},
    auth=WRITE,
    url_name="resource_create",
    summary="Create a draft resource",
)
def create_resource(request: HttpRequest, payload: ResourceIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not permissions.can_contribute(user):
        raise HttpError(403, "Only members contribute resources.")
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
    resource = with_record_related(Resource.objects.filter(pk=resource.pk)).get()
    return Status(201, _detail(resource, user))


@v1.post(
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
    user = request.auth  # type: ignore[attr-defined]
    if not permissions.can_edit(user, resource):
        raise HttpError(403, "You cannot add files to this resource.")
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


@v1.post(
    "/resources/{uuid}/submit",
    response={200: ResourceDetailOut, 409: Problem, 410: Problem, **ERRORS},
    auth=WRITE,
    url_name="resource_submit",
    summary="Submit a draft for review",
)
def submit_resource(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    user = request.auth  # type: ignore[attr-defined]
    if not permissions.can_submit(user, resource):
        raise HttpError(403, "Only the contributor submits a draft.")
    try:
        services.submit_for_review(resource=resource, user=user)
    except services.InvalidTransition as error:
        return problem(409, error.message)
    resource = with_record_related(Resource.objects.filter(pk=resource.pk)).get()
    return _detail(resource, user)


@v1.post(
    "/resources/{uuid}/publish",
    response={200: ResourceDetailOut, 409: Problem, 410: Problem, **ERRORS},
    auth=WRITE,
    url_name="resource_publish",
    summary="Publish (curators): approve a submission or publish directly",
)
def publish_resource(request: HttpRequest, uuid: UUID) -> Any:
    resource = _get_resource(request, uuid)
    user = request.auth  # type: ignore[attr-defined]
    if not permissions.can_moderate(user):
        raise HttpError(403, "Only curators publish.")
    try:
        if resource.state == Resource.State.SUBMITTED:
            services.approve(resource=resource, curator=user)
        else:
            services.publish_directly(resource=resource, curator=user)
    except services.InvalidTransition as error:
        return problem(409, error.message)
    resource = with_record_related(Resource.objects.filter(pk=resource.pk)).get()
    return _detail(resource, user)


# Podcasts (public shows and their public episodes) ---------------------------------


class ShowOut(Schema):
    slug: str
    title: str
    description: str
    language: str
    author: str
    licence: str
    licence_url: str
    url: str
    feed_url: str
    updated_at: dt.datetime


class ShowPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    links: Links
    results: list[ShowOut]


class EpisodeOut(Schema):
    guid: UUID
    title: str
    number: int | None
    episode_type: str
    published_at: dt.datetime | None
    duration_seconds: float
    audio_url: str
    audio_type: str
    audio_size: int
    url: str


class EpisodePage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    links: Links
    results: list[EpisodeOut]


def _show_out(show: Any) -> dict[str, Any]:
    return {
        "slug": show.slug,
        "title": show.title,
        "description": show.description,
        "language": show.language,
        "author": show.author,
        "licence": show.licence,
        "licence_url": show.licence_url,
        "url": absolute(show.get_absolute_url()),
        "feed_url": absolute(show.get_feed_url()),
        "updated_at": show.updated_at,
    }


@v1.get(
    "/podcasts/shows",
    response={200: ShowPage, **ERRORS},
    auth=READ,
    url_name="podcast_shows",
    summary="Published podcast shows",
)
def list_shows(
    request: HttpRequest,
    response: HttpResponse,
    page: int = Query(1, ge=1, le=100000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
) -> Any:
    from ecoc_hub.podcasts.models import Show

    shows = Show.objects.public().order_by("title", "pk")
    return _page(request, response, shows, page, per_page, _show_out)


@v1.get(
    "/podcasts/shows/{slug}/episodes",
    response={200: EpisodePage, **ERRORS},
    auth=READ,
    url_name="podcast_episodes",
    summary="The published episodes of a show, newest first",
)
def list_episodes(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    page: int = Query(1, ge=1, le=100000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
) -> Any:
    from ecoc_hub.podcasts.models import Show

    show = Show.objects.public().filter(slug=slug.replace("\x00", "")).first()
    if show is None:
        raise HttpError(404, "No published show has this slug.")
    episodes = show.episodes.public().order_by("-published_at", "-pk")

    def serialize(e: Any) -> dict[str, Any]:
        e.show = show  # already loaded: audio_url and the page address use it
        return {
            "guid": e.guid,
            "title": e.title,
            "number": e.number,
            "episode_type": e.episode_type,
            "published_at": e.published_at,
            "duration_seconds": e.audio_duration,
            "audio_url": absolute(e.audio_url),
            "audio_type": e.audio_mime,
            "audio_size": e.audio_size,
            "url": absolute(e.get_absolute_url()),
        }

    return _page(request, response, episodes, page, per_page, serialize)


api.add_router("/v1/", v1)
