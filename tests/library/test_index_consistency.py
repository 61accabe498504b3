"""Indexing after extraction follows the record as it is now (issue 11, 1).

Extraction runs outside any transaction on the file and record loaded when the
task started; these tests change the record between that load and the
indexing, which is what happens when a curator acts while a worker extracts.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ecoc_hub.library import samples, services
from ecoc_hub.library.models import ResourceFile
from ecoc_hub.library.search_index import KIND
from ecoc_hub.library.tasks import apply_extraction
from ecoc_hub.search.models import SearchDocument, SearchPassage

from .conftest import make_resource, stage


def _as_loaded_by_the_task(resource) -> ResourceFile:
    """The file with its record, loaded as ``extract_file`` loads them."""
    return ResourceFile.objects.select_related("blob", "resource").get(
        resource=resource, is_current=True
    )


def _indexed_words(resource) -> list[str]:
    return list(
        SearchPassage.objects.filter(
            document__kind=KIND, document__object_id=resource.pk
        )
        .order_by("position")
        .values_list("text", flat=True)
    )


def _is_indexed(resource) -> bool:
    return SearchDocument.objects.filter(kind=KIND, object_id=resource.pk).exists()


def test_resource_published_during_extraction_stays_in_the_index(member, curator):
    resource = make_resource(owner=member, state="submitted", pages=["zythophilia"])
    file = _as_loaded_by_the_task(resource)
    assert file.resource.state == "submitted"

    services.approve(resource=resource, curator=curator)
    apply_extraction(file)

    assert _is_indexed(resource) is True
    assert _indexed_words(resource)[-1] == "Audience development toolkit\nzythophilia"


def test_resource_withdrawn_during_extraction_is_not_put_back(member, curator):
    resource = make_resource(owner=member, curator=curator)
    file = _as_loaded_by_the_task(resource)
    assert file.resource.state == "published"

    services.withdraw(resource=resource, curator=curator, reason="Duplicate")
    apply_extraction(file)

    assert _is_indexed(resource) is False


def test_failed_extraction_also_indexes_from_the_current_state(member, curator):
    resource = make_resource(owner=member, state="submitted")
    file = _as_loaded_by_the_task(resource)
    services.approve(resource=resource, curator=curator)
    # The stored content went bad: the extractor fails on it this time.
    default_storage.delete(file.blob.storage_name)
    default_storage.save(file.blob.storage_name, ContentFile(b"%PDF-1.4 garbage"))

    apply_extraction(file)

    file.refresh_from_db()
    assert file.extraction_status == "failed"
    assert _is_indexed(resource) is True


def test_file_removed_during_extraction_is_not_brought_back(member):
    draft = services.create_draft(
        owner=member, title="Draft", values={"languages": ["en"]}
    )
    services.add_file(
        resource=draft,
        staged=stage(samples.build_pdf(["text"]), "a.pdf"),
        uploaded_by=member,
    )
    file = _as_loaded_by_the_task(draft)

    services.remove_file(file=ResourceFile.objects.get(pk=file.pk))
    apply_extraction(file)

    assert ResourceFile.objects.filter(pk=file.pk).exists() is False


def test_file_replaced_during_extraction_stays_an_earlier_version(member, curator):
    resource = make_resource(owner=member, curator=curator, pages=["old words"])
    file = _as_loaded_by_the_task(resource)

    services.replace_file(
        file=ResourceFile.objects.get(pk=file.pk),
        staged=stage(samples.build_pdf(["new words"]), "b.pdf"),
        uploaded_by=curator,
    )
    apply_extraction(file)

    file.refresh_from_db()
    assert file.is_current is False
    assert _indexed_words(resource)[-1] == "new words"
