"""Writes to the search index (the contract of docs/decisions/0001).

Apps call ``index_document`` and ``remove_document`` from the service that
writes their record, inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import analysis, backends, facetcache, registry
from .models import (
    Access,
    SearchDocument,
    SearchDocumentOrganisation,
    SearchFacetValue,
    SearchPassage,
)

TITLE_WEIGHT = 2.5
TITLE_LOCATOR = "#title"
MAX_PASSAGE_CHARS = 200_000
MAX_FACET_VALUE_LENGTH = 200


@dataclass(frozen=True)
class Passage:
    """A piece of searchable text: a page, a transcript chunk, an abstract."""

    text: str
    language: str = ""
    locator: str = ""
    label: str = ""
    target_url: str = ""
    weight: float = 1.0


def _as_datetime(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def title_sort_key(title: str) -> str:
    return " ".join(analysis.words(title))[:200]


@transaction.atomic
def index_document(
    *,
    kind: str,
    object_id: int,
    title: str,
    url: str,
    summary: str = "",
    language: str = "",
    access: str = Access.PUBLIC,
    allowed_organisation_ids: Iterable[int] = (),
    grants: Iterable[str] = (),
    published: dt.date | dt.datetime | None = None,
    popularity: int = 0,
    facets: Mapping[str, Iterable[str]] | None = None,
    passages: Sequence[Passage] = (),
) -> SearchDocument:
    """Replace everything indexed for (kind, object_id), atomically."""
    if access not in Access.values:
        raise ValueError(f"Unknown access level: {access!r}")
    if "." not in kind:
        raise ValueError(f"A kind is '<app>.<model>', not {kind!r}")
    language = analysis.normalise_language(language)
    published_at = _as_datetime(published)
    # First, before any row of the index is locked: every index write takes
    # the generation row before the rows it changes, so two writers never
    # hold each other's rows (a deadlock) through the index.
    facetcache.bump()
    document, created = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "title": title[:500],
            "title_sort": title_sort_key(title),
            "url": url[:500],
            "summary": summary,
            "language": language,
            "access": access,
            "published": published_at,
            "year": published_at.year if published_at else None,
            "popularity": int(popularity or 0),
        },
    )
    with connection.cursor() as cursor:
        if not created:
            backends.backend().remove_passages(cursor, [document.pk])
            document.passages.all().delete()
            document.facet_values.all().delete()
            document.organisations.all().delete()
        SearchDocumentOrganisation.objects.bulk_create(
            SearchDocumentOrganisation(document=document, organisation_id=org_id)
            for org_id in sorted(set(allowed_organisation_ids))
        )
        SearchFacetValue.objects.bulk_create(
            SearchFacetValue(document=document, facet=facet, value=value)
            for facet, value in sorted(
                {
                    (str(facet)[:40], str(value)[:MAX_FACET_VALUE_LENGTH])
                    for facet, values in {
                        **(facets or {}),
                        registry.GRANT_FACET: list(grants),
                    }.items()
                    for value in values
                    if str(value)
                }
            )
        )
        rows = [Passage(text=title, language=language, locator=TITLE_LOCATOR)]
        rows += list(passages)[: backends.PASSAGE_KEY_FACTOR - 1]
        SearchPassage.objects.bulk_create(
            _passage_row(document, position, passage)
            for position, passage in enumerate(rows)
        )
        backends.backend().add_passages(cursor, [document.pk])
    return document


def _passage_row(
    document: SearchDocument, position: int, passage: Passage
) -> SearchPassage:
    text = passage.text[:MAX_PASSAGE_CHARS]
    language = analysis.normalise_language(passage.language) or document.language
    weight = TITLE_WEIGHT if position == 0 else passage.weight
    return SearchPassage(
        document=document,
        position=position,
        locator=passage.locator[:100],
        label=passage.label[:100],
        target_url=passage.target_url[:600],
        language=language,
        weight=float(weight),
        text=text,
        tokens=" ".join(analysis.analyse(text, language)),
    )


@transaction.atomic
def remove_document(*, kind: str, object_id: int) -> bool:
    """Take an object out of the index; False if it was not there."""
    ids = list(
        SearchDocument.objects.filter(kind=kind, object_id=object_id).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        return False
    facetcache.bump()
    with connection.cursor() as cursor:
        backends.backend().remove_passages(cursor, ids)
    SearchDocument.objects.filter(pk__in=ids).delete()
    return True


@transaction.atomic
def remove_kind(*, kind: str) -> int:
    """Take every object of a kind out of the index (before a reindex)."""
    ids = list(SearchDocument.objects.filter(kind=kind).values_list("pk", flat=True))
    if ids:
        facetcache.bump()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            backends.backend().remove_passages(cursor, ids[start : start + 500])
    for start in range(0, len(ids), 500):
        SearchDocument.objects.filter(pk__in=ids[start : start + 500]).delete()
    return len(ids)


@transaction.atomic
def rebuild_engine() -> None:
    """Rebuild the engine's indexes from the passage rows."""
    with connection.cursor() as cursor:
        backends.backend().rebuild(cursor)
        backends.backend().optimise(cursor)
