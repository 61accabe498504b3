"""What the library writes into the shared search index (decision 0001)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from ecoc_hub.search.services import Passage, index_document, remove_document

from .models import FilePage, Resource, ResourceFile

KIND = "library.resource"


def _with_related(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    return queryset.prefetch_related(
        "creators",
        "capacity_areas",
        "titles__city",
        "allowed_organisations",
        Prefetch(
            "files",
            queryset=ResourceFile.objects.filter(is_current=True).prefetch_related(
                Prefetch("pages", queryset=FilePage.objects.order_by("number"))
            ),
        ),
    )


def _published_date(resource: Resource) -> dt.date | None:
    if resource.publication_date:
        return resource.publication_date
    if resource.publication_year:
        return dt.date(resource.publication_year, 1, 1)
    return None


def _format_time(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def file_passages(resource: Resource, file: ResourceFile) -> list[Passage]:
    language = resource.main_language
    viewer = reverse("library:viewer", args=[file.uuid])
    passages = []
    for page in file.pages.all():
        if not page.text.strip():
            continue
        if file.kind == ResourceFile.Kind.PDF:
            passages.append(
                Passage(
                    text=page.text,
                    language=language,
                    locator=f"{file.uuid}:page={page.number}",
                    label=f"PDF p. {page.number}",
                    target_url=f"{viewer}#page={page.number}",
                )
            )
        elif file.kind in {ResourceFile.Kind.PPTX, ResourceFile.Kind.ODP}:
            passages.append(
                Passage(
                    text=page.text,
                    language=language,
                    locator=f"{file.uuid}:slide={page.number}",
                    label=f"{file.kind.upper()} {page.number}",
                    target_url=resource.get_absolute_url(),
                )
            )
        elif file.kind == ResourceFile.Kind.VTT and page.start_seconds is not None:
            passages.append(
                Passage(
                    text=page.text,
                    language=language,
                    locator=f"{file.uuid}:t={page.start_seconds:g}",
                    label=_format_time(page.start_seconds),
                    target_url=resource.get_absolute_url(),
                )
            )
        else:
            passages.append(
                Passage(
                    text=page.text,
                    language=language,
                    locator=f"{file.uuid}:{page.number}",
                    label=file.display_name[:60],
                    target_url=resource.get_absolute_url(),
                )
            )
    return passages


def index_resource(resource: Resource) -> None:
    """Index a published resource, or remove it from the index otherwise."""
    if resource.state != Resource.State.PUBLISHED:
        remove_document(kind=KIND, object_id=resource.pk)
        return
    resource = _with_related(Resource.objects.filter(pk=resource.pk)).get()
    titles = list(resource.titles.all())
    creators = [creator.name for creator in resource.creators.all()]
    metadata_text = "\n".join(
        part
        for part in [
            resource.title,
            resource.abstract,
            "; ".join(creators),
            resource.publisher,
            " ".join(str(title) for title in titles),
        ]
        if part
    )
    passages = [
        Passage(text=metadata_text, language=resource.main_language, weight=2.0)
    ]
    if not resource.is_embargoed:
        for file in resource.files.all():
            passages.extend(file_passages(resource, file))
    countries = set(resource.countries) | {t.city.country_code for t in titles}
    index_document(
        kind=KIND,
        object_id=resource.pk,
        title=resource.title,
        url=resource.get_absolute_url(),
        summary=resource.abstract[:300],
        language=resource.main_language,
        access=resource.access,
        allowed_organisation_ids=[o.pk for o in resource.allowed_organisations.all()],
        published=_published_date(resource),
        popularity=resource.download_count,
        facets={
            "type": [resource.resource_type],
            "capacity_area": [area.code for area in resource.capacity_areas.all()],
            "city": sorted({title.city.slug for title in titles}),
            "country": sorted(countries),
            "year": [str(resource.publication_year)]
            if resource.publication_year
            else [],
            "language": list(resource.languages),
            "licence": [resource.licence],
            "access": [resource.access],
        },
        passages=passages,
    )


def reindex_all() -> int:
    """Re-index every published resource and drop the rest; returns the count."""
    count = 0
    for resource in Resource.objects.exclude(state=Resource.State.PUBLISHED).only("pk"):
        remove_document(kind=KIND, object_id=resource.pk)
    for resource in Resource.objects.filter(state=Resource.State.PUBLISHED):
        index_resource(resource)
        count += 1
    return count
