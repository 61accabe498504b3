"""Does the search index hold what the records say it should?

``check_index()`` compares the index as it is with the index that
``ecoc-hub reindex`` would build from the records now: documents, their
access level and allowed teams, titles, addresses, dates, facet values and
passages. The rebuild runs in a transaction that is rolled back, so a check
changes nothing; the index tables are locked against writers meanwhile, so
nothing indexed during the check shows as a difference. Download counts are
left out: they reach the index every hour (``library.refresh_download_counts``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.db import transaction

from .backends import backend
from .models import (
    IndexCheck,
    SearchDocument,
    SearchDocumentOrganisation,
    SearchFacetValue,
    SearchPassage,
)

DOCUMENT_FIELDS = ("title", "url", "summary", "language", "access", "published", "year")
Key = tuple[str, int]


@dataclass(frozen=True)
class Difference:
    kind: str
    object_id: int
    problem: str  # "missing", "extra" or "changed"
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.kind} {self.object_id}"
        if self.problem == "missing":
            return f"{where}: missing from the index"
        if self.problem == "extra":
            return f"{where}: in the index but should not be"
        return f"{where}: differs in {', '.join(self.fields)}"


def snapshot() -> dict[Key, dict[str, Any]]:
    """What the index holds, per document, in comparable form."""
    documents: dict[Key, dict[str, Any]] = {}
    ids: dict[int, Key] = {}
    for row in SearchDocument.objects.values(
        "id", "kind", "object_id", *DOCUMENT_FIELDS
    ):
        key = (row["kind"], row["object_id"])
        ids[row["id"]] = key
        documents[key] = {
            **{field: row[field] for field in DOCUMENT_FIELDS},
            "facets": [],
            "teams": [],
            "passages": [],
        }
    facets = SearchFacetValue.objects.values_list("document_id", "facet", "value")
    for document_id, facet, value in facets.order_by("document_id", "facet", "value"):
        documents[ids[document_id]]["facets"].append((facet, value))
    teams = SearchDocumentOrganisation.objects.values_list(
        "document_id", "organisation_id"
    )
    for document_id, organisation_id in teams.order_by(
        "document_id", "organisation_id"
    ):
        documents[ids[document_id]]["teams"].append(organisation_id)
    passages = SearchPassage.objects.order_by("document_id", "position").values_list(
        "document_id", "locator", "label", "target_url", "language", "weight", "text"
    )
    digests: dict[int, list[str]] = defaultdict(list)
    for document_id, *values in passages.iterator(chunk_size=2000):
        digest = hashlib.sha256(repr(values).encode()).hexdigest()[:16]
        digests[document_id].append(digest)
    for document_id, found in digests.items():
        documents[ids[document_id]]["passages"] = found
    return documents


def compare(
    actual: dict[Key, dict[str, Any]], expected: dict[Key, dict[str, Any]]
) -> list[Difference]:
    differences = []
    for key in sorted(set(actual) | set(expected)):
        if key not in actual:
            differences.append(Difference(*key, "missing"))
        elif key not in expected:
            differences.append(Difference(*key, "extra"))
        else:
            changed = tuple(
                name
                for name in expected[key]
                if actual[key][name] != expected[key][name]
            )
            if changed:
                differences.append(Difference(*key, "changed", changed))
    return differences


def check_index() -> list[Difference]:
    """The differences between the index and what the records say; none is fine."""
    with transaction.atomic():
        backend().lock_index_for_check()
        actual = snapshot()
        call_command("reindex", "--no-progress", verbosity=0)
        expected = snapshot()
        transaction.set_rollback(True)
    return compare(actual, expected)


def record_check(*, fix: bool = False) -> tuple[list[Difference], IndexCheck]:
    """Check the index, repair it when asked, and record the outcome."""
    differences = check_index()
    if differences and fix:
        call_command("reindex", "--no-progress", verbosity=0)
    check = IndexCheck.objects.create(
        differences=len(differences),
        detail="\n".join(str(d) for d in differences[:200]),
        fixed=bool(differences and fix),
    )
    return differences, check


def health() -> tuple[bool, str]:
    """For /health: the last check, failing while it found differences."""
    last = IndexCheck.objects.first()
    if last is None:
        return True, "never checked"
    when = last.checked_at.isoformat()
    if last.differences and not last.fixed:
        return False, f"{last.differences} differences (checked {when})"
    if last.differences:
        return True, f"{last.differences} differences repaired (checked {when})"
    return True, f"no difference (checked {when})"
