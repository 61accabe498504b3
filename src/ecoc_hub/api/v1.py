"""The REST API (django-ninja): /api/v1/, OpenAPI at /api/openapi.json, docs
at /api/docs.

This is the core every app's router is mounted on: authentication
(auth.py), throttles (throttles.py), problem responses (problems.py),
paging (paging.py) and ETags (below). The operations themselves live with
their app, in ``<app>/api.py``, which defines ``router`` (a ninja
``Router``); every installed app that has one is mounted under /api/v1/, in
the order of ``INSTALLED_APPS``, into one OpenAPI document.

GET responses carry an ETag and answer If-None-Match with 304.
"""

from __future__ import annotations

import hashlib
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from ninja import NinjaAPI, Router
from ninja.operation import Operation

from .problems import PROBLEM_JSON, install_handlers
from .throttles import HubThrottle

ROUTER_MODULE = "api"
OPERATION_ID_PREFIX = "ecoc_hub_api_rest_"


def _with_etag(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
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
        return _with_etag(request, response)

    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The ids as first published (when every operation lived in
        # api/rest.py), so generated clients keep their method names
        # wherever a router's module lives. Function names are unique
        # across routers (a test checks).
        return OPERATION_ID_PREFIX + operation.view_func.__name__

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


def app_routers() -> list[tuple[str, Router]]:
    """(app label, router) of each of the hub's apps with an ``api`` module."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.{ROUTER_MODULE}"
        if not config.name.startswith("ecoc_hub.") or find_spec(name) is None:
            continue
        router = getattr(import_module(name), "router", None)
        if isinstance(router, Router):
            found.append((config.label, router))
    return found


def build_api() -> HubNinjaAPI:
    hub_api = HubNinjaAPI(
        title="ECoC Hub API",
        version="1",
        description=(
            "Read the library (search with the site's query language and "
            "facets, records, files), title cities and capacity areas, and "
            "podcasts; deposit with a personal token. The API guide, with "
            "OAI-PMH and the feeds, is the [API home page](/api/) of this site."
        ),
        urls_namespace="rest",
        openapi_url="/openapi.json",
        docs_url="/docs",
        throttle=[HubThrottle()],
    )
    install_handlers(hub_api)
    for _label, router in app_routers():
        hub_api.add_router("/v1/", router)
    return hub_api


api = build_api()
