from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.library import samples, services
from ecoc_hub.library.models import (
    DailyCount,
    ModerationEvent,
    Resource,
    ResourceFile,
    ResourceVersion,
)
from ecoc_hub.search.models import SearchDocument

from .conftest import make_resource, stage


def indexed(resource) -> bool:
    return SearchDocument.objects.filter(
        kind="library.resource", object_id=resource.pk
    ).exists()


def test_create_draft_keeps_creators_in_order(member):
    resource = services.create_draft(
        owner=member,
        title="Bid book",
        creators=[
            services.CreatorData(name="Oulu2026", kind="organisation"),
            services.CreatorData(name="Anna"),
        ],
    )

    assert [(c.name, c.kind, c.position) for c in resource.creators.all()] == [
        ("Oulu2026", "organisation", 0),
        ("Anna", "person", 1),
    ]
    assert resource.state == "draft"
    assert indexed(resource) is False


def test_metadata_edit_is_versioned_with_who_and_what(member, curator):
    resource = make_resource(owner=member, state="draft")
    before = resource.versions.count()

    version = services.update_metadata(
        resource=resource, editor=curator, values={"title": "New title", "isbn": ""}
    )

    assert resource.versions.count() == before + 1
    assert version.editor == curator
    assert version.changes == {"title": ["Audience development toolkit", "New title"]}


def test_edit_without_change_writes_no_version(member):
    resource = make_resource(owner=member, state="draft")
    before = ResourceVersion.objects.count()

    version = services.update_metadata(
        resource=resource, editor=member, values={"title": resource.title}
    )

    assert version is None
    assert ResourceVersion.objects.count() == before


def test_invalid_language_code_is_refused_and_nothing_changes(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(ValidationError):
        services.update_metadata(
            resource=resource, editor=member, values={"languages": ["english"]}
        )

    resource.refresh_from_db()
    assert resource.languages == ["en"]


def test_invalid_isbn_and_doi_are_refused(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(ValidationError) as error:
        services.update_metadata(
            resource=resource,
            editor=member,
            values={"isbn": "978-3-16-148410-1", "doi": "doi.org/10.1/x"},
        )

    assert sorted(error.value.message_dict) == ["doi", "isbn"]


def test_valid_isbn_13_and_doi_are_accepted(member):
    resource = make_resource(owner=member, state="draft")

    services.update_metadata(
        resource=resource,
        editor=member,
        values={"isbn": "978-3-16-148410-0", "doi": "10.1234/ecoc.2026"},
    )

    resource.refresh_from_db()
    assert (resource.isbn, resource.doi) == ("978-3-16-148410-0", "10.1234/ecoc.2026")


def test_restricted_access_needs_a_team(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(ValidationError):
        services.update_metadata(
            resource=resource, editor=member, values={"access": "restricted"}
        )


def test_submission_needs_a_file_and_a_year(member):
    resource = services.create_draft(owner=member, title="Empty")

    with pytest.raises(TransitionError) as error:
        services.submit_for_review(resource=resource, user=member)

    assert error.value.message == (
        "Before submitting, add: a publication year, at least one language, "
        "at least one creator, at least one file."
    )


def test_approval_publishes_indexes_and_emails_the_contributor(member, curator):
    resource = make_resource(owner=member, state="submitted")
    mail.outbox.clear()

    services.approve(resource=resource, curator=curator, comment="Thanks!")

    resource.refresh_from_db()
    assert resource.state == "published"
    assert indexed(resource) is True
    assert [m.subject for m in mail.outbox] == [
        "[ECoC Hub] Published: Audience development toolkit"
    ]
    assert mail.outbox[0].to == ["member@example.org"]
    assert "Thanks!" in mail.outbox[0].body
    assert resource.moderation_events.first().decision == "approved"


def test_request_changes_needs_a_comment_and_sends_it(member, curator):
    resource = make_resource(owner=member, state="submitted")
    mail.outbox.clear()

    with pytest.raises(TransitionError):
        services.request_changes(resource=resource, curator=curator, comment=" ")
    services.request_changes(
        resource=resource, curator=curator, comment="Please add the English summary."
    )

    resource.refresh_from_db()
    assert resource.state == "changes_requested"
    assert [m.subject for m in mail.outbox] == [
        "[ECoC Hub] Changes requested: Audience development toolkit"
    ]
    assert "Please add the English summary." in mail.outbox[0].body


def test_contributor_resubmits_after_changes(member, curator):
    resource = make_resource(owner=member, state="submitted")
    services.request_changes(resource=resource, curator=curator, comment="More.")

    services.submit_for_review(resource=resource, user=member)

    resource.refresh_from_db()
    assert resource.state == "submitted"
    assert list(resource.moderation_events.values_list("decision", flat=True)) == [
        "submitted",
        "changes_requested",
        "submitted",
    ]


def test_reject_keeps_the_reason_in_the_history_and_emails(member, curator):
    resource = make_resource(owner=member, state="submitted")
    mail.outbox.clear()

    services.reject(resource=resource, curator=curator, reason="Out of scope.")

    resource.refresh_from_db()
    assert resource.state == "rejected"
    assert resource.moderation_events.first().comment == "Out of scope."
    assert [m.subject for m in mail.outbox] == [
        "[ECoC Hub] Not accepted: Audience development toolkit"
    ]


def test_published_resource_cannot_be_approved_again(member, curator):
    resource = make_resource(owner=member, curator=curator)

    with pytest.raises(TransitionError) as error:
        services.approve(resource=resource, curator=curator)

    assert error.value.message == (
        "This action is not possible while the resource is “Published”."
    )


def test_withdraw_removes_from_the_index_and_keeps_the_reason(member, curator):
    resource = make_resource(owner=member, curator=curator)

    services.withdraw(resource=resource, curator=curator, reason="Copyright claim.")

    resource.refresh_from_db()
    assert resource.state == "withdrawn"
    assert resource.withdrawn_reason == "Copyright claim."
    assert indexed(resource) is False


def test_withdrawn_state_without_reason_is_refused_by_the_database(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=resource.pk).update(state="withdrawn")


def test_unknown_state_is_refused_by_the_database(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=resource.pk).update(state="archived")


def test_moderation_decision_needs_a_comment_in_the_database(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationEvent.objects.create(resource=resource, decision="rejected")


def test_new_file_version_keeps_the_earlier_one(member, curator):
    resource = make_resource(owner=member, curator=curator)
    first = resource.files.get()

    second = services.replace_file(
        file=first,
        staged=stage(samples.build_pdf(["Revised text"]), "report-v2.pdf"),
        uploaded_by=member,
    )

    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert second.version == 2
    assert second.supersedes == first
    assert first.replaced_by == second
    assert ResourceFile.objects.filter(resource=resource).count() == 2


def test_earlier_version_cannot_be_replaced_again(member, curator):
    resource = make_resource(owner=member, curator=curator)
    first = resource.files.get()
    services.replace_file(
        file=first, staged=stage(b"v2 text", "v2.txt"), uploaded_by=member
    )
    first.refresh_from_db()

    with pytest.raises(TransitionError):
        services.replace_file(
            file=first, staged=stage(b"v3 text", "v3.txt"), uploaded_by=member
        )


def test_report_and_resolve(member, curator, published):
    report = services.report_resource(
        resource=published, reporter=None, reason="copyright", message="Mine."
    )

    services.resolve_report(report=report, curator=curator, resolution="Checked.")

    report.refresh_from_db()
    assert (report.resolved_by, report.resolution) == (curator, "Checked.")
    with pytest.raises(TransitionError):
        services.resolve_report(report=report, curator=curator, resolution="Again")


def test_report_with_unknown_reason_is_refused(published):
    with pytest.raises(ValidationError):
        services.report_resource(
            resource=published, reporter=None, reason="boring", message="x"
        )


def test_hits_are_counted_per_day_without_bots(published):
    browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"

    services.record_hit(resource=published, user_agent=browser, download=False)
    services.record_hit(resource=published, user_agent=browser, download=True)
    services.record_hit(resource=published, user_agent="Googlebot/2.1", download=True)
    services.record_hit(resource=published, user_agent="", download=True)

    published.refresh_from_db()
    day = DailyCount.objects.get(resource=published)
    assert (published.view_count, published.download_count) == (1, 1)
    assert (day.views, day.downloads) == (1, 1)
    assert [f.name for f in DailyCount._meta.get_fields()] == [
        "id",
        "resource",
        "day",
        "views",
        "downloads",
    ]


def test_collection_keeps_order_and_drops_duplicates(member, curator):
    first = make_resource(owner=member, curator=curator, title="First")
    second = make_resource(owner=member, curator=curator, title="Second")

    collection = services.save_collection(
        curator=curator,
        title="Starter kit",
        introduction="Read these first.",
        resources=[second, first, second],
    )

    assert [i.resource.title for i in collection.items.all()] == ["Second", "First"]
    assert collection.slug == "starter-kit"


def test_most_downloaded_sort_follows_downloads(member, curator):
    from ecoc_hub.search.queries import search

    popular = make_resource(owner=member, curator=curator, title="Popular")
    quiet = make_resource(owner=member, curator=curator, title="Quiet")
    before = search("", user=None, kinds=["library.resource"], sort="popular")
    browser = "Mozilla/5.0 Firefox/140.0"

    services.record_hit(resource=popular, user_agent=browser, download=True)

    results = search("", user=None, kinds=["library.resource"], sort="popular")
    assert [hit.title for hit in before.hits] == ["Quiet", "Popular"]
    assert [hit.title for hit in results.hits] == ["Popular", "Quiet"]
    assert quiet.pk != popular.pk
