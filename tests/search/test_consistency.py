"""``ecoc-hub reindex --check``: the index against what the records say."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ecoc_hub.core import schedule
from ecoc_hub.search.consistency import check_index, record_check
from ecoc_hub.search.models import IndexCheck, SearchDocument, SearchFacetValue
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(member, curator):
    return make_resource(owner=member, curator=curator, title="Checked toolkit")


def _check(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("reindex", "--check", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_an_index_built_from_the_records_has_no_difference(published):
    out, error = _check()

    assert error is None
    assert out == "The index holds what the records say.\n"
    assert IndexCheck.objects.get().differences == 0


def test_a_published_record_missing_from_the_index_is_reported(published):
    SearchDocument.objects.filter(object_id=published.pk).delete()

    out, error = _check()

    assert out == f"library.resource {published.pk}: missing from the index\n"
    assert str(error) == (
        "1 differences between the index and the records; "
        "`ecoc-hub reindex --check --fix` repairs them."
    )


def test_a_draft_in_the_index_is_reported_as_extra(published, member):
    draft = make_resource(owner=member, state="draft", title="Not yet")
    # As an indexing race that read a stale state would have left it.
    SearchDocument.objects.create(
        kind="library.resource",
        object_id=draft.pk,
        title=draft.title,
        title_sort="not yet",
        url=draft.get_absolute_url(),
    )

    assert [str(d) for d in check_index()] == [
        f"library.resource {draft.pk}: in the index but should not be"
    ]


def test_a_changed_access_level_and_facet_are_reported_by_name(published):
    document = SearchDocument.objects.get(object_id=published.pk)
    SearchDocument.objects.filter(pk=document.pk).update(access="members")
    SearchFacetValue.objects.filter(document=document, facet="type").update(
        value="report"
    )

    assert [str(d) for d in check_index()] == [
        f"library.resource {published.pk}: differs in access, facets"
    ]


def test_the_check_changes_nothing(published):
    SearchDocument.objects.filter(object_id=published.pk).delete()

    check_index()

    assert SearchDocument.objects.filter(object_id=published.pk).count() == 0


def test_fix_repairs_the_index(published):
    SearchDocument.objects.filter(object_id=published.pk).delete()

    out, error = _check("--fix")

    assert error is None
    assert out.endswith("1 differences: index rebuilt.\n")
    assert check_index() == []
    assert IndexCheck.objects.get().fixed is True


def test_fix_alone_is_refused():
    with pytest.raises(CommandError, match="--fix goes with --check"):
        call_command("reindex", "--fix")


def test_health_reports_the_last_check(client, published):
    assert client.get("/health").json()["checks"]["search_index"] == {
        "ok": True,
        "detail": "never checked",
    }
    SearchDocument.objects.filter(object_id=published.pk).delete()
    record_check()

    response = client.get("/health")

    check = response.json()["checks"]["search_index"]
    assert check["ok"] is False
    assert check["detail"].startswith("1 differences (checked ")
    assert response.status_code == 503


def test_the_daily_check_is_scheduled_and_repairs(published):
    jobs = {job.name: job for job in schedule.registered()}
    SearchDocument.objects.filter(object_id=published.pk).delete()

    jobs["search.check_index"].task.call()

    assert check_index() == []
    assert IndexCheck.objects.get().fixed is True
