from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ecoc_hub.library import samples, services
from ecoc_hub.library.models import Blob, Collection, Report, Resource
from tests.conftest import _with_mfa

from .conftest import make_resource

METADATA = {
    "title": "Volunteer handbook",
    "abstract": "How to run a volunteer programme.",
    "resource_type": "guide",
    "publisher": "Oulu 2026",
    "publication_year": "2025",
    "publication_date": "",
    "doi": "",
    "isbn": "",
    "url": "",
    "creators": "Oulu 2026 (organisation)\nAnna Virtanen",
    "languages": ["en", "fi"],
    "countries": ["FI"],
}


def test_library_page_lists_published_resources(client, published):
    response = client.get(reverse("library:list"))

    assert response.status_code == 200
    assert [hit.title for hit in response.context["results"].hits] == [
        "Audience development toolkit"
    ]


def test_a_query_on_the_library_lands_on_the_one_results_page(client, published):
    response = client.get(
        reverse("library:list"),
        {"q": " zythophilia ", "type": "toolkit", "sort": "title", "page": "2"},
    )

    assert (response.status_code, response["Location"]) == (
        301,
        "/search/?q=zythophilia&kind=library.resource&type=toolkit&sort=title",
    )


def test_browsing_the_library_by_filters_stays_on_the_listing(client, published):
    response = client.get(reverse("library:list"), {"type": "toolkit", "q": "  "})

    assert (response.status_code, response.templates[0].name) == (
        200,
        "library/index.html",
    )
    assert (
        b'<summary class="button button-secondary search-filters-toggle">Filter (1)'
        in (response.content)
    )


def test_search_finds_a_word_inside_the_pdf_with_its_page(client, published):
    response = client.get(reverse("library:list"), {"q": "zythophilia"}, follow=True)

    hit = response.context["results"].hits[0]
    file = published.files.get()
    assert [p.target_url for p in hit.passages] == [
        reverse("library:viewer", args=[file.uuid]) + "#page=3"
    ]
    assert "<mark>zythophilia</mark>" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "PDF, page 3"), ("fr", "PDF, page 3"), ("de", "PDF, Seite 3")],
)
def test_passage_labels_are_in_the_readers_language(client, published, language, label):
    client.cookies["ecoc_hub_language"] = language

    response = client.get(reverse("library:list"), {"q": "zythophilia"}, follow=True)

    hit = response.context["results"].hits[0]
    assert [p.label for p in hit.passages] == [label]


def test_search_facets_show_labels_and_counts(client, published):
    response = client.get(reverse("library:list"), {"type": "toolkit"})

    facets = {g.name: g.values for g in response.context["results"].facet_groups}
    assert [(v.value, v.label, v.count, v.selected) for v in facets["type"]] == [
        ("toolkit", "Toolkit", 1, True)
    ]
    assert [v.label for v in facets["city"]] == ["Oulu"]


@pytest.mark.parametrize("count", [1, 3])
def test_library_page_query_count_does_not_grow(
    client, member, curator, count, django_assert_num_queries
):
    for n in range(count):
        make_resource(owner=member, curator=curator, title=f"Resource {n}")

    # with the index generation and the facet cache lookup (facetcache.py)
    with django_assert_num_queries(8):
        client.get(reverse("library:list"))


def test_suggestions_offer_visible_titles(client, published):
    response = client.get(
        reverse("search:suggest"), {"q": "audi", "kind": "library.resource"}
    )

    assert [s.title for s in response.context["suggestions"]] == [
        "Audience development toolkit"
    ]


def test_landing_page_shows_metadata_citation_and_counts(client, published):
    response = client.get(
        published.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 Firefox"
    )

    page = response.content.decode()
    assert response.context["citation"] == (
        "Ada Author (2024). Audience development toolkit."
    )
    assert 'href="/cities/oulu-fi/2026/"' in page
    assert f'href="{published.capacity_areas.get().get_absolute_url()}"' in page
    published.refresh_from_db()
    assert published.view_count == 1


def test_landing_page_says_why_a_file_is_not_searchable(client, published):
    published.files.update(extraction_status="failed", extraction_error="Bad fonts")

    page = client.get(published.get_absolute_url()).content.decode()

    assert (
        "This file is not searchable: its text could not be read (Bad fonts)." in page
    )


def test_related_resources_are_listed(client, member, curator):
    original = make_resource(owner=member, curator=curator, title="Original")
    translation = make_resource(owner=member, curator=curator, title="Traduction")
    services.update_metadata(
        resource=translation, editor=curator, related=[("translation_of", original)]
    )

    response = client.get(translation.get_absolute_url())

    assert [(str(label), r.title) for label, r in response.context["related"]] == [
        ("Translation of", "Original")
    ]


def test_viewer_page_loads_pdfjs_without_inline_script(client, published):
    file = published.files.get()

    page = client.get(reverse("library:viewer", args=[file.uuid])).content.decode()

    assert 'data-pdfjs="/static/vendor/pdfjs/pdf.min.mjs"' in page
    assert '<script type="module" src="/static/library/js/viewer.js"></script>' in page
    assert "<script>" not in page


# Deposit -----------------------------------------------------------------------


def test_member_deposits_in_steps_and_submits(member_client, member):
    response = member_client.post(reverse("library:deposit"), METADATA)
    resource = Resource.objects.get()
    assert response.url == reverse("library:deposit_files", args=[resource.uuid])

    pdf = SimpleUploadedFile("handbook.pdf", samples.build_pdf(["Volunteers"]))
    member_client.post(
        reverse("library:deposit_files", args=[resource.uuid]),
        {"file": pdf, "label": "Handbook"},
    )
    member_client.post(
        reverse("library:deposit_access", args=[resource.uuid]),
        {"licence": "cc-by-4.0", "access": "members", "embargo_until": ""},
    )
    response = member_client.post(
        reverse("library:deposit_review", args=[resource.uuid]), {"action": "submit"}
    )

    resource.refresh_from_db()
    assert response.url == resource.get_absolute_url()
    assert (resource.state, resource.access, resource.licence) == (
        "submitted",
        "members",
        "cc-by-4.0",
    )
    assert [(c.name, c.kind) for c in resource.creators.all()] == [
        ("Oulu 2026", "organisation"),
        ("Anna Virtanen", "person"),
    ]
    assert resource.languages == ["en", "fi"]
    assert resource.files.get().label == "Handbook"


def test_deposit_with_bad_language_changes_nothing(member_client):
    response = member_client.post(
        reverse("library:deposit"), {**METADATA, "languages": ["english"]}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["languages"] == [
        "Select a valid choice. english is not one of the available choices."
    ]
    assert Resource.objects.count() == 0


def test_mismatched_upload_is_refused_with_a_clear_message(member_client, member):
    resource = make_resource(owner=member, state="draft")
    blobs = Blob.objects.count()
    fake = SimpleUploadedFile("report.pdf", samples.docx_bytes(["Not a PDF"]))

    response = member_client.post(
        reverse("library:deposit_files", args=[resource.uuid]), {"file": fake}
    )

    assert response.context["form"].errors["file"] == [
        "“report.pdf” is named as PDF but its content is DOCX. "
        "Rename it or upload the right file."
    ]
    assert Blob.objects.count() == blobs
    assert resource.files.count() == 1


def test_upload_form_shows_types_and_limits(member_client, member):
    resource = make_resource(owner=member, state="draft")

    page = member_client.get(
        reverse("library:deposit_files", args=[resource.uuid])
    ).content.decode()

    assert "<td>pdf, docx, pptx, xlsx, odt, odp</td><td>100 MB</td>" in page


def test_restricted_access_without_team_is_refused(member_client, member):
    resource = make_resource(owner=member, state="draft")

    response = member_client.post(
        reverse("library:deposit_access", args=[resource.uuid]),
        {"licence": "cc0-1.0", "access": "restricted"},
    )

    assert response.status_code == 200
    resource.refresh_from_db()
    assert resource.access == "public"


@pytest.mark.parametrize("who", ["visitor", "outsider"])
def test_others_cannot_edit_a_draft(client, who, outsider, member):
    resource = make_resource(owner=member, state="draft")
    if who == "outsider":
        client.force_login(outsider)

    response = client.post(
        reverse("library:deposit_metadata", args=[resource.uuid]), METADATA
    )

    assert response.status_code == (302 if who == "visitor" else 404)
    resource.refresh_from_db()
    assert resource.title == "Audience development toolkit"


def test_owner_cannot_edit_once_submitted(member_client, member):
    resource = make_resource(owner=member, state="submitted")

    response = member_client.post(
        reverse("library:deposit_metadata", args=[resource.uuid]), METADATA
    )

    assert response.status_code == 403


def test_owner_uploads_a_new_version_of_a_published_file(member_client, published):
    file = published.files.get()
    upload = SimpleUploadedFile("report.pdf", samples.build_pdf(["Second edition"]))

    response = member_client.post(
        reverse("library:new_version", args=[file.uuid]), {"file": upload, "label": ""}
    )

    assert response.url == published.get_absolute_url()
    assert list(published.files.values_list("version", "is_current")) == [
        (2, True),
        (1, False),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_my_contributions_query_count(
    member_client, member, count, django_assert_num_queries
):
    for n in range(count):
        make_resource(owner=member, state="draft", title=f"Draft {n}")

    with django_assert_num_queries(5):
        response = member_client.get(reverse("library:mine"))

    assert len(response.context["resources"]) == count


def test_dashboard_include_lists_contributions(rf, member):
    from django.template import Context, Template

    make_resource(owner=member, state="draft", title="My draft")
    request = rf.get("/me/")
    request.user = member

    html = Template("{% load library_tags %}{% library_dashboard %}").render(
        Context({"request": request})
    )

    assert "My draft" in html


# Moderation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["library:moderation", "library:reports", "library:collection_new"]
)
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_curator_pages_are_refused_to_others(client, member, who, url_name):
    if who == "member":
        client.force_login(member)

    response = client.get(reverse(url_name))

    assert response.status_code == (302 if who == "visitor" else 403)


@pytest.mark.parametrize("who", ["visitor", "member", "owner"])
def test_decisions_are_refused_to_non_curators(client, member, outsider, who):
    resource = make_resource(owner=outsider, state="submitted")
    if who != "visitor":
        client.force_login(outsider if who == "owner" else member)

    client.post(
        reverse("library:moderate", args=[resource.uuid]), {"action": "approve"}
    )
    client.post(reverse("library:withdraw", args=[resource.uuid]), {"reason": "x"})

    resource.refresh_from_db()
    assert resource.state == "submitted"


def test_curator_requests_changes_with_a_comment(curator_client, member):
    resource = make_resource(owner=member, state="submitted")
    mail.outbox.clear()

    refused = curator_client.post(
        reverse("library:moderate", args=[resource.uuid]),
        {"action": "request_changes", "comment": ""},
    )
    accepted = curator_client.post(
        reverse("library:moderate", args=[resource.uuid]),
        {"action": "request_changes", "comment": "Add a summary."},
    )

    resource.refresh_from_db()
    assert refused.status_code == 200
    assert accepted.url == reverse("library:moderation")
    assert resource.state == "changes_requested"
    assert len(mail.outbox) == 1


def test_curator_approves_from_the_queue(curator_client, member):
    resource = make_resource(owner=member, state="submitted")

    curator_client.post(
        reverse("library:moderate", args=[resource.uuid]), {"action": "approve"}
    )

    resource.refresh_from_db()
    assert resource.state == "published"


@pytest.mark.parametrize("count", [1, 3])
def test_moderation_queue_query_count(
    curator_client, member, count, django_assert_num_queries
):
    for n in range(count):
        make_resource(owner=member, state="submitted", title=f"Waiting {n}")

    with django_assert_num_queries(7):
        response = curator_client.get(reverse("library:moderation"))

    assert len(response.context["resources"]) == count


def test_curator_withdraws_with_a_reason(curator_client, published):
    response = curator_client.post(
        reverse("library:withdraw", args=[published.uuid]),
        {"reason": "Rights holder asked."},
    )

    published.refresh_from_db()
    assert response.url == published.get_absolute_url()
    assert published.withdrawn_reason == "Rights holder asked."


def test_anyone_can_report_and_curator_resolves(client, published, curator):
    client.post(
        reverse("library:report", args=[published.uuid]),
        {"reason": "inaccurate", "message": "Dates are wrong."},
    )
    report = Report.objects.get()
    _with_mfa(curator)
    curator_client = Client()
    curator_client.force_login(curator)

    curator_client.post(
        reverse("library:resolve_report", args=[report.pk]), {"resolution": "Fixed."}
    )

    report.refresh_from_db()
    assert (report.message, report.resolution) == ("Dates are wrong.", "Fixed.")


@pytest.mark.parametrize("count", [1, 3])
def test_report_list_query_count(
    curator_client, published, count, django_assert_num_queries
):
    for n in range(count):
        services.report_resource(
            resource=published, reporter=None, reason="other", message=f"n{n}"
        )

    with django_assert_num_queries(5):
        response = curator_client.get(reverse("library:reports"))

    assert len(response.context["reports"]) == count


# Collections -------------------------------------------------------------------


def test_curator_creates_a_collection(curator_client, published):
    response = curator_client.post(
        reverse("library:collection_new"),
        {
            "title": "Starter kit",
            "introduction": "Begin here.",
            "resources": f"https://hub.example{published.get_absolute_url()}",
        },
    )

    collection = Collection.objects.get()
    assert response.url == collection.get_absolute_url()
    assert [i.resource for i in collection.items.all()] == [published]


@pytest.mark.parametrize("count", [1, 3])
def test_collection_page_query_count(
    client, member, curator, count, django_assert_num_queries
):
    resources = [
        make_resource(owner=member, curator=curator, title=f"Item {n}")
        for n in range(count)
    ]
    collection = services.save_collection(
        curator=curator, title="Kit", introduction="", resources=resources
    )

    with django_assert_num_queries(3):
        response = client.get(collection.get_absolute_url())

    assert [i.resource.title for i in response.context["items"]] == [
        r.title for r in resources
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_collection_list_query_count(
    client, member, curator, count, django_assert_num_queries
):
    resource = make_resource(owner=member, curator=curator)
    for n in range(count):
        services.save_collection(
            curator=curator, title=f"Kit {n}", introduction="", resources=[resource]
        )

    with django_assert_num_queries(1):
        response = client.get(reverse("library:collections"))

    assert len(response.context["collections"]) == count
