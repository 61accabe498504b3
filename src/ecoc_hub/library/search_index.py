"""What the library writes into the shared search index (decision 0001)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.search.params import SearchParams
from ecoc_hub.search.registry import (
    FacetValueLabeller,
    register_facet,
    register_kind_label,
    register_locator_labeller,
    register_results_links,
)
from ecoc_hub.search.services import (
    Passage,
    index_document,
    remove_document,
    remove_kind,
)

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
                    # The page starts its player at that moment (?t=).
                    target_url=f"{resource.get_absolute_url()}"
                    f"?t={int(page.start_seconds)}#files-heading",
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


@transaction.atomic
def index_resource(resource: Resource | int) -> None:
    """Index a published resource, or remove it from the index otherwise.

    What is indexed is decided from the record as it is now, read under a row
    lock in the transaction that writes the index, never from the object
    passed in: a task loads its record when it starts, and the record may
    have been published, withdrawn or deleted before the task indexes it.
    """
    pk = resource if isinstance(resource, int) else resource.pk
    state = (
        Resource.objects.select_for_update()
        .filter(pk=pk)
        .values_list("state", flat=True)
        .first()
    )
    if state != Resource.State.PUBLISHED:
        remove_document(kind=KIND, object_id=pk)
        return
    resource = _with_related(Resource.objects.filter(pk=pk)).get()
    titles = list(resource.titles.all())
    creators = [creator.name for creator in resource.creators.all()]
    metadata_text = "\n".join(
        part
        for part in [
            resource.title,
            resource.abstract,
            "; ".join(creators),
            resource.publisher,
            # Every name of each city, so "Brüssel" and "Bruxelles" find it.
            " ".join(
                f"{name} {title.year}"
                for title in titles
                for name in title.city.all_names
            ),
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


def reindex_all() -> Iterator[Resource]:
    """Rebuild the library's part of the index: every published resource.

    A generator, as ``ecoc-hub reindex`` expects: it yields each resource once
    indexed, for the progress bar.
    """
    remove_kind(kind=KIND)
    for resource in Resource.objects.filter(state=Resource.State.PUBLISHED).order_by(
        "pk"
    ):
        index_resource(resource)
        yield resource


def _choice_labels(choices: type[models.Choices]) -> FacetValueLabeller:
    def labeller(values: list[str]) -> dict[str, str]:
        names = dict(choices.choices)
        return {value: str(names[value]) for value in values if value in names}

    return labeller


def _capacity_area_labels(values: list[str]) -> dict[str, str]:
    from ecoc_hub.cities.models import CapacityArea

    return {
        area.code: area.display_name
        for area in CapacityArea.objects.filter(code__in=values)
    }


def _city_labels(values: list[str]) -> dict[str, str]:
    from ecoc_hub.cities.models import City

    return {
        city.slug: city.display_name for city in City.objects.filter(slug__in=values)
    }


def _language_labels(values: list[str]) -> dict[str, str]:
    from .vocab import language_name

    return {value: language_name(value) for value in values}


register_kind_label(KIND, _("Library resource"))
# A search limited to the library offers its feeds and exports.
register_results_links(KIND, "library/includes/search_links.html")
register_facet("type", _("Type"), _choice_labels(Resource.Type))
register_facet("licence", _("Licence"), _choice_labels(Resource.Licence))
register_facet("access", _("Access"), _choice_labels(Resource.Access))
register_facet("capacity_area", _("Capacity area"), _capacity_area_labels)
register_facet("city", _("Title city"), _city_labels)
register_facet("language", _("Language"), _language_labels)


_PAGE_LOCATOR = re.compile(r"^[0-9a-f-]{36}:(page|slide)=(\d+)$")


def _locator_label(locator: str) -> str | None:
    """ "PDF, page 3" or "Slide 3" in the reader's language."""
    match = _PAGE_LOCATOR.match(locator)
    if match is None:
        return None
    number = int(match.group(2))
    if match.group(1) == "page":
        return gettext("PDF, page %(number)s") % {"number": number}
    return gettext("Slide %(number)s") % {"number": number}


register_locator_labeller(_locator_label)


def results_url(params: SearchParams, *, sort: bool = True) -> str:
    """The one results page for these parameters: a search with words is
    the site search limited to the library (a filter the reader can lift);
    browsing by filters alone stays on the library's listing."""
    if not params.query:
        query = urlencode(params.as_params(sort=sort))
        return reverse("library:list") + ("?" + query if query else "")
    rest = params.as_params(sort=sort)[1:]
    return (
        reverse("search:list")
        + "?"
        + urlencode([("q", params.query), ("kind", KIND), *rest])
    )
