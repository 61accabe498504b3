"""The cities' REST operations (mounted under /api/v1/ by ecoc_hub.api)."""

# django-ninja declares query parameters as Query(...) defaults.

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from ecoc_hub.api.auth import READ
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute

from . import queries
from .models import CapacityArea, Title

router = Router()


class TitleOut(Schema):
    year: int
    city: str
    city_slug: str
    country_code: str
    status: str
    set_spec: str
    url: str


class TitlePage(PageMeta):
    results: list[TitleOut]


class CapacityAreaOut(Schema):
    code: str
    name: str
    criterion: str
    url: str


class CapacityAreaPage(PageMeta):
    results: list[CapacityAreaOut]


def _title_out(title: Title) -> dict[str, Any]:
    return {
        "year": title.year,
        "city": title.city.name,
        "city_slug": title.city.slug,
        "country_code": title.city.country_code,
        "status": title.status,
        "set_spec": f"city:{title.city.slug}-{title.year}",
        "url": absolute(title.get_absolute_url()),
    }


def _area_out(area: CapacityArea) -> dict[str, Any]:
    return {
        "code": area.code,
        "name": area.display_name,
        "criterion": area.criterion.display_name,
        "url": absolute(area.get_absolute_url()),
    }


@router.get(
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
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    titles = queries.listed_titles(year=year)
    return paged(request, response, titles, page, per_page, _title_out)


@router.get(
    "/capacity-areas",
    response={200: CapacityAreaPage, **ERRORS},
    auth=READ,
    url_name="capacity_areas",
    summary="The capacity areas resources are tagged with",
)
def list_capacity_areas(
    request: HttpRequest,
    response: HttpResponse,
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    areas = queries.capacity_areas_in_order()
    return paged(request, response, areas, page, per_page, _area_out)
