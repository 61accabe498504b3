"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html).

The verbs and the records they answer with; the envelope, arguments, dates
and resumption tokens are in ``api.oai_protocol``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library.metadata import (
    build_record,
    oai_identifier,
    site_host,
    with_record_related,
)
from ecoc_hub.library.models import Resource

from . import queries
from .models import DeletedRecord
from .oai_protocol import (
    ARGUMENTS,
    REPOSITORY_ID,
    TOKEN_LIFETIME,
    ListRequest,
    OAIError,
    _arguments,
    _check_arguments,
    _envelope,
    _stamp,
    _sub,
    _window,
    base_url,
)
from .xmlformats import (
    DATACITE_NS,
    DATACITE_SCHEMA,
    OAI_DC_NS,
    OAI_DC_SCHEMA,
    XSI_NS,
    datacite_element,
    oai_dc_element,
)

PAGE_SIZE = 100

FORMATS: dict[str, tuple[str, str, Callable[..., ET.Element]]] = {
    "oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS, oai_dc_element),
    "datacite": (DATACITE_SCHEMA, DATACITE_NS, datacite_element),
}


def _resources(request: ListRequest) -> Any:
    start, end = _window(request)
    queryset = queries.in_window(queries.harvestable_resources(), start=start, end=end)
    deleted = queries.deleted_in_window(start=start, end=end)
    if request.set_spec:
        set_filter = queries.parse_set_spec(request.set_spec)
        if set_filter is None:
            raise OAIError(
                "noRecordsMatch", str(_("There is no such set in this repository."))
            )
        queryset = queries.in_set(queryset, set_filter)
        # JSON containment is not available on SQLite; deletions are few, so
        # membership is checked in Python.
        ids = [
            row.pk
            for row in deleted.only("pk", "set_specs")
            if request.set_spec in row.set_specs
        ]
        deleted = DeletedRecord.objects.filter(pk__in=ids)
    return queryset, deleted


def _header(
    parent: ET.Element,
    *,
    identifier: str,
    stamp: dt.datetime,
    specs: list[str],
    deleted: bool,
) -> ET.Element:
    header = _sub(parent, "header")
    if deleted:
        header.set("status", "deleted")
    _sub(header, "identifier", identifier)
    _sub(header, "datestamp", _stamp(stamp))
    for spec in specs:
        _sub(header, "setSpec", spec)
    return header


def _resource_header(parent: ET.Element, resource: Resource) -> bool:
    deleted = not queries.is_live(resource)
    _header(
        parent,
        identifier=oai_identifier(resource.uuid),
        stamp=queries.datestamp(resource),
        specs=queries.set_specs(resource),
        deleted=deleted,
    )
    return deleted


def _record(parent: ET.Element, resource: Resource, prefix: str) -> None:
    record = _sub(parent, "record")
    deleted = _resource_header(record, resource)
    if not deleted:
        metadata = _sub(record, "metadata")
        metadata.append(FORMATS[prefix][2](build_record(resource)))


def _tombstone(parent: ET.Element, row: DeletedRecord, *, full: bool) -> None:
    target = _sub(parent, "record") if full else parent
    _header(
        target,
        identifier=oai_identifier(row.uuid),
        stamp=row.deleted_at,
        specs=list(row.set_specs),
        deleted=True,
    )


def _require_prefix(prefix: str) -> None:
    if prefix not in FORMATS:
        raise OAIError(
            "cannotDisseminateFormat",
            str(_("This repository does not offer the format “%(prefix)s”."))
            % {"prefix": prefix},
        )


def _list(root: ET.Element, verb: str, args: dict[str, str]) -> None:
    if "resumptionToken" in args:
        request = ListRequest.from_token(args["resumptionToken"])
    else:
        request = ListRequest(
            prefix=args["metadataPrefix"],
            start=args.get("from", ""),
            end=args.get("until", ""),
            set_spec=args.get("set", ""),
        )
    _require_prefix(request.prefix)
    resources, deleted = _resources(request)
    total = resources.count() + deleted.count()
    if total == 0:
        raise OAIError("noRecordsMatch", str(_("No records match this request.")))
    container = _sub(root, verb)
    full = verb == "ListRecords"
    served = 0
    phase, after = request.phase, request.after
    next_cursor: tuple[str, int] | None = None
    if phase == "r":
        page = list(
            with_record_related(resources.filter(pk__gt=after).order_by("pk"))[
                : PAGE_SIZE + 1
            ]
        )
        for resource in page[:PAGE_SIZE]:
            if full:
                _record(container, resource, request.prefix)
            else:
                _resource_header(container, resource)
            served += 1
        if len(page) > PAGE_SIZE:
            next_cursor = ("r", page[PAGE_SIZE - 1].pk)
        else:
            phase, after = "d", 0
    if phase == "d":
        room = PAGE_SIZE - served
        if room == 0:
            if deleted.filter(pk__gt=after).exists():
                next_cursor = ("d", after)
        else:
            rows = list(deleted.filter(pk__gt=after).order_by("pk")[: room + 1])
            for row in rows[:room]:
                _tombstone(container, row, full=full)
                served += 1
            if len(rows) > room:
                next_cursor = ("d", rows[room - 1].pk)
    if served == 0:
        raise OAIError("noRecordsMatch", str(_("No records match this request.")))
    done_so_far = request.served + served
    if "resumptionToken" in args or next_cursor is not None:
        token_element = _sub(container, "resumptionToken")
        token_element.set("completeListSize", str(total))
        token_element.set("cursor", str(request.served))
        if next_cursor is not None:
            next_request = ListRequest(
                prefix=request.prefix,
                start=request.start,
                end=request.end,
                set_spec=request.set_spec,
                phase=next_cursor[0],
                after=next_cursor[1],
                served=done_so_far,
            )
            token_element.text = next_request.token()
            token_element.set("expirationDate", _stamp(timezone.now() + TOKEN_LIFETIME))


def _identify(root: ET.Element) -> None:
    identify = _sub(root, "Identify")
    _sub(identify, "repositoryName", "ECoC Hub")
    _sub(identify, "baseURL", base_url())
    _sub(identify, "protocolVersion", "2.0")
    _sub(identify, "adminEmail", settings.ECOC_HUB_CONTACT_EMAIL)
    _sub(identify, "earliestDatestamp", _stamp(queries.earliest_datestamp()))
    _sub(identify, "deletedRecord", "persistent")
    _sub(identify, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    if REPOSITORY_ID.fullmatch(site_host()):
        # The oai-identifier scheme needs a domain name, not an IP address.
        _oai_identifier_description(_sub(identify, "description"))


def _oai_identifier_description(description: ET.Element) -> None:
    ns = "http://www.openarchives.org/OAI/2.0/oai-identifier"
    oai_id = ET.SubElement(
        description,
        f"{{{ns}}}oai-identifier",
        {
            f"{{{XSI_NS}}}schemaLocation": (
                f"{ns} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
            )
        },
    )
    for tag, text in [
        ("scheme", "oai"),
        ("repositoryIdentifier", site_host()),
        ("delimiter", ":"),
        ("sampleIdentifier", oai_identifier("00000000-0000-0000-0000-000000000000")),
    ]:
        ET.SubElement(oai_id, f"{{{ns}}}{tag}").text = text


def _find(identifier: str) -> Resource | DeletedRecord:
    prefix = f"oai:{site_host()}:"
    if not identifier.startswith(prefix):
        raise OAIError("idDoesNotExist", str(_("No item has this identifier.")))
    try:
        uuid = UUID(identifier[len(prefix) :])
    except ValueError as error:
        raise OAIError(
            "idDoesNotExist", str(_("No item has this identifier."))
        ) from error
    resource = (
        with_record_related(queries.harvestable_resources()).filter(uuid=uuid).first()
    )
    if resource is not None:
        return resource
    tombstone = DeletedRecord.objects.filter(uuid=uuid).first()
    if tombstone is None:
        raise OAIError("idDoesNotExist", str(_("No item has this identifier.")))
    return tombstone


def _get_record(root: ET.Element, args: dict[str, str]) -> None:
    _require_prefix(args["metadataPrefix"])
    item = _find(args["identifier"])
    container = _sub(root, "GetRecord")
    if isinstance(item, DeletedRecord):
        _tombstone(container, item, full=True)
    else:
        _record(container, item, args["metadataPrefix"])


def _list_metadata_formats(root: ET.Element, args: dict[str, str]) -> None:
    if "identifier" in args:
        item = _find(args["identifier"])
        if isinstance(item, DeletedRecord):
            raise OAIError(
                "noMetadataFormats",
                str(_("This item was deleted; no metadata is disseminated for it.")),
            )
    container = _sub(root, "ListMetadataFormats")
    for prefix, (schema, namespace, _builder) in FORMATS.items():
        entry = _sub(container, "metadataFormat")
        _sub(entry, "metadataPrefix", prefix)
        _sub(entry, "schema", schema)
        _sub(entry, "metadataNamespace", namespace)


def available_sets() -> list[tuple[str, str]]:
    """(setSpec, setName) of every set holding at least one live record."""
    live = queries.live_resources()
    type_labels = dict(Resource.Type.choices)
    sets = [
        (f"type:{value}", str(type_labels[value]))
        for value in live.order_by("resource_type")
        .values_list("resource_type", flat=True)
        .distinct()
    ]
    sets += [
        (f"area:{area.code}", area.display_name)
        for area in CapacityArea.objects.filter(
            resources__in=live.values("pk")
        ).distinct()
    ]
    sets += [
        (f"city:{title.city.slug}-{title.year}", str(title))
        for title in Title.objects.filter(resources__in=live.values("pk"))
        .select_related("city")
        .distinct()
    ]
    return sets


def _list_sets(root: ET.Element, args: dict[str, str]) -> None:
    if "resumptionToken" in args:
        # The whole list fits in one response, so no token is ever issued.
        raise OAIError(
            "badResumptionToken", str(_("The resumption token is not valid."))
        )
    sets = available_sets()
    if not sets:
        raise OAIError(
            "noSetHierarchy", str(_("This repository has no sets at the moment."))
        )
    container = _sub(root, "ListSets")
    for spec, name in sets:
        entry = _sub(container, "set")
        _sub(entry, "setSpec", spec)
        _sub(entry, "setName", name)


def handle(data: QueryDict) -> bytes:
    echo: dict[str, str] = {}
    try:
        args = _arguments(data)
        verb = args.get("verb", "")
        if verb not in ARGUMENTS:
            raise OAIError("badVerb", str(_("Not an OAI-PMH verb.")))
        _check_arguments(verb, args)
        # Only a valid request is echoed with its arguments (spec 3.2).
        echo = dict(args)
        root = _envelope(echo)
        if verb == "Identify":
            _identify(root)
        elif verb == "ListMetadataFormats":
            _list_metadata_formats(root, args)
        elif verb == "ListSets":
            _list_sets(root, args)
        elif verb == "GetRecord":
            _get_record(root, args)
        else:
            _list(root, verb, args)
    except OAIError as error:
        if error.code in {"badVerb", "badArgument"}:
            echo = {}
        root = _envelope(echo)
        element = _sub(root, "error", error.message)
        element.set("code", error.code)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def oai_view(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    return HttpResponse(handle(data), content_type="text/xml; charset=utf-8")
