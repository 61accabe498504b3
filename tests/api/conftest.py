from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library import samples, services
from ecoc_hub.library.files import stage_upload
from ecoc_hub.library.models import Resource

XSD_DIR = Path(__file__).parent / "xsd"


class _XPathEvaluator:
    """pyoai 2.5 calls ``XPathEvaluator.evaluate``, an alias lxml 5 removed;
    calling the evaluator is the same operation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._evaluator = etree.XPathEvaluator(*args, **kwargs)

    def evaluate(self, *args: Any, **kwargs: Any) -> Any:
        return self._evaluator(*args, **kwargs)

    __call__ = evaluate


class _EtreeForPyoai:
    XPathEvaluator = _XPathEvaluator

    def __getattr__(self, name: str) -> Any:
        return getattr(etree, name)


def _make_pyoai_work_with_current_lxml() -> None:
    import oaipmh.client
    import oaipmh.metadata

    oaipmh.client.etree = _EtreeForPyoai()  # type: ignore[assignment]
    oaipmh.metadata.etree = _EtreeForPyoai()  # type: ignore[assignment]


_make_pyoai_work_with_current_lxml()


def deposit(
    *,
    owner: Any,
    curator: Any,
    title: str = "Audience development toolkit",
    state: str = "published",
    access: str = "public",
    resource_type: str = "toolkit",
    year: int = 2024,
    creators: tuple[str, ...] = ("Ada Author",),
    area_codes: tuple[str, ...] | None = None,
    with_oulu: bool = True,
    **values: Any,
) -> Resource:
    """A real resource through the library's services, with one PDF."""
    areas = (
        list(CapacityArea.objects.filter(code__in=area_codes))
        if area_codes is not None
        else list(CapacityArea.objects.order_by("pk")[:1])
    )
    resource = services.create_draft(
        owner=owner,
        title=title,
        values={
            "abstract": "A short abstract.",
            "publication_year": year,
            "languages": ["en"],
            "resource_type": resource_type,
            "licence": "cc-by-4.0",
            "access": access,
            **values,
        },
        creators=[services.CreatorData(name=name) for name in creators],
        capacity_areas=areas,
        titles=list(Title.objects.filter(year=2026, city__name="Oulu"))
        if with_oulu
        else [],
    )
    services.add_file(
        resource=resource,
        staged=stage_upload(
            source=io.BytesIO(samples.build_pdf(["A page of text."], title=title)),
            filename="report.pdf",
        ),
        uploaded_by=owner,
    )
    if state != "draft":
        services.submit_for_review(resource=resource, user=owner)
    if state == "published":
        services.approve(resource=resource, curator=curator)
    resource.refresh_from_db()
    return resource


@pytest.fixture(autouse=True)
def _public_site(settings):
    """A public address and contact, as a real deployment has."""
    settings.SITE_URL = "https://hub.example.org"
    settings.ECOC_HUB_CONTACT_EMAIL = "hub@example.org"


@pytest.fixture
def published(member, curator):
    return deposit(owner=member, curator=curator)


_schemas: dict[str, etree.XMLSchema] = {}


def schema(name: str) -> etree.XMLSchema:
    if name not in _schemas:
        parser = etree.XMLParser(no_network=True)
        _schemas[name] = etree.XMLSchema(etree.parse(str(XSD_DIR / name), parser))
    return _schemas[name]


def assert_valid(xml: bytes, schema_name: str = "harvest.xsd") -> etree._Element:
    document = etree.fromstring(xml, etree.XMLParser(no_network=True))
    validator = schema(schema_name)
    valid = validator.validate(document)
    assert valid, str(validator.error_log)
    return document
