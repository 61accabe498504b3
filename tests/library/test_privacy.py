"""The library's part of the data export and of account deletion."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ecoc_hub.accounts import services as account_services
from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.library import services
from ecoc_hub.library.models import Creator, Report, Resource
from ecoc_hub.library.search_index import KIND
from ecoc_hub.search.models import SearchDocument
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(member):
    member.display_name = "Ada Author"  # the name make_resource credits
    member.save()
    return member


@pytest.fixture
def published_work(contributor, curator):
    return make_resource(owner=contributor, curator=curator, title="Volunteer guide")


@pytest.fixture
def draft(contributor):
    return make_resource(owner=contributor, state="draft", title="Unfinished notes")


def _indexed(resource) -> bool:
    return SearchDocument.objects.filter(kind=KIND, object_id=resource.pk).exists()


def test_export_lists_contributions_files_history_and_reports(
    client, contributor, curator, published_work, draft
):
    services.report_resource(
        resource=published_work,
        reporter=contributor,
        reason="broken",
        message="Page 3 is blank.",
    )
    client.force_login(contributor)

    data = json.loads(client.get(reverse("accounts:privacy_export")).content)["library"]

    works = {work["title"]: work for work in data["contributions"]}
    assert sorted(works) == ["Unfinished notes", "Volunteer guide"]
    guide = works["Volunteer guide"]
    assert guide["state"] == "published"
    assert guide["url"] == "http://127.0.0.1:8000" + published_work.get_absolute_url()
    file = published_work.files.get()
    assert guide["files"] == [
        {
            "name": "report.pdf",
            "url": "http://127.0.0.1:8000" + file.get_absolute_url(),
            "size": file.blob.size,
            "sha256": file.blob.sha256,
        }
    ]
    assert [(e["decision"], e["by"]) for e in guide["moderation_history"]] == [
        ("submitted", "you"),
        ("approved", "curator"),
    ]
    assert works["Unfinished notes"]["moderation_history"] == []
    assert [(r["resource_title"], r["message"]) for r in data["reports_filed"]] == [
        ("Volunteer guide", "Page 3 is blank.")
    ]


def test_export_holds_no_one_elses_work(member, outsider, curator):
    make_resource(owner=outsider, curator=curator, title="Not mine")

    assert export_user_data(member)["library"] == {
        "contributions": [],
        "reports_filed": [],
    }


def test_keep_leaves_published_work_as_it_is(contributor, published_work, draft):
    account_services.delete_account(user=contributor, contributions="keep")

    published_work.refresh_from_db()
    assert published_work.state == "published"
    assert [c.name for c in published_work.creators.all()] == ["Ada Author"]
    assert published_work.owner.public_name == "Former member"
    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert _indexed(published_work)


def test_anonymise_credits_former_member(contributor, published_work, draft):
    account_services.delete_account(user=contributor, contributions="anonymise")

    published_work.refresh_from_db()
    assert published_work.state == "published"
    assert [c.name for c in published_work.creators.all()] == ["Former member"]
    assert not Resource.objects.filter(pk=draft.pk).exists()
    entry = SearchDocument.objects.get(kind=KIND, object_id=published_work.pk)
    assert "Ada Author" not in json.dumps(
        list(entry.passages.values_list("text", flat=True))
    )


def test_remove_deletes_published_work_and_its_index_entry(
    contributor, published_work, draft
):
    pk = published_work.pk

    account_services.delete_account(user=contributor, contributions="remove")

    assert Resource.objects.filter(owner=contributor).count() == 0
    assert Creator.objects.filter(resource_id=pk).count() == 0
    assert not SearchDocument.objects.filter(kind=KIND, object_id=pk).exists()


def test_others_work_is_untouched(contributor, outsider, curator, published_work):
    theirs = make_resource(owner=outsider, curator=curator, title="Their guide")

    account_services.delete_account(user=contributor, contributions="remove")

    theirs.refresh_from_db()
    assert theirs.state == "published"
    assert [c.name for c in theirs.creators.all()] == ["Ada Author"]


def test_reports_stay_for_the_curators(contributor, outsider, curator):
    theirs = make_resource(owner=outsider, curator=curator, title="Their guide")
    services.report_resource(
        resource=theirs, reporter=contributor, reason="other", message="Typo."
    )

    account_services.delete_account(user=contributor, contributions="remove")

    report = Report.objects.get()
    assert report.message == "Typo."
    assert report.reporter.public_name == "Former member"


def test_a_failing_eraser_changes_nothing(contributor, published_work, monkeypatch):
    from ecoc_hub.accounts import privacy

    def broken(user, *, contributions):
        raise RuntimeError("eraser failed")

    privacy.register_eraser(broken)
    try:
        with pytest.raises(RuntimeError):
            account_services.delete_account(user=contributor, contributions="remove")
    finally:
        privacy._erasers.remove(broken)

    contributor.refresh_from_db()
    assert Resource.objects.filter(pk=published_work.pk).exists()
    assert contributor.is_active is True


def test_the_zip_holds_the_files_the_person_uploaded_and_no_one_elses(
    client, contributor, curator, published_work, outsider
):
    import io
    import zipfile

    from django.core.files.storage import default_storage

    from ecoc_hub.library import samples
    from ecoc_hub.library.files import stage_upload

    # A curator adds a file to the contributor's record: not theirs to take.
    services.add_file(
        resource=published_work,
        staged=stage_upload(
            source=io.BytesIO(samples.build_pdf(["Annex."], title="Annex")),
            filename="annex.pdf",
        ),
        uploaded_by=curator,
    )
    make_resource(owner=outsider, curator=curator, title="Not mine")
    client.force_login(contributor)

    response = client.get(reverse("accounts:privacy_export_files"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    mine = published_work.files.get(uploaded_by=contributor)
    path = f"library/{published_work.uuid}/v1-report.pdf"
    assert archive.namelist() == [path, "manifest.json"]
    with default_storage.open(mine.blob.storage_name, "rb") as stored:
        assert archive.read(path) == stored.read()
    [entry] = json.loads(archive.read("manifest.json"))["files"]
    assert entry == {
        "path": path,
        "size": mine.blob.size,
        "sha256": mine.blob.sha256,
        "file_name": "report.pdf",
        "version": 1,
        "current": True,
        "uploaded_at": mine.created_at.isoformat(),
        "resource": str(published_work.uuid),
        "resource_title": "Volunteer guide",
        "url": "http://127.0.0.1:8000" + mine.get_absolute_url(),
        "included": True,
    }
