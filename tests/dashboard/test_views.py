"""The dashboard page, its CSV files and the PDF report."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from ecoc_hub.library.models import DailyCount, Resource
from tests.factories import MembershipFactory

from .conftest import at

pytestmark = pytest.mark.django_db

QUARTER = {"start": "2026-01-01", "end": "2026-03-31"}


@pytest.fixture
def downloads():
    resource = Resource.objects.create(
        title="Toolkit",
        state="published",
        published_at=at(2026, 1, 2),
        publication_year=2026,
        countries=["FI"],
    )
    DailyCount.objects.create(resource=resource, day="2026-02-03", views=7, downloads=3)
    return resource


def test_a_funder_outside_any_team_reads_the_dashboard(client, funder):
    client.force_login(funder)

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 200


def test_a_member_of_a_team_is_refused(client):
    client.force_login(MembershipFactory().user)

    assert client.get(reverse("dashboard:index")).status_code == 403


def test_the_page_shows_every_registered_figure_for_the_filters(
    curator_client, downloads
):
    response = curator_client.get(
        reverse("dashboard:index"), {**QUARTER, "country": "FI"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 January 2026 to 31 March 2026, Finland" in page
    assert 'id="library-views-downloads"' in page
    assert 'id="events-applications"' in page
    assert (
        "library.views_downloads.csv?start=2026-01-01&amp;end=2026-03-31&amp;country=FI"
        in page
    )


def test_a_period_ending_before_it_starts_is_an_error_on_its_field(curator_client):
    response = curator_client.get(
        reverse("dashboard:index"), {"start": "2026-03-01", "end": "2026-02-01"}
    )

    assert response.context["form"].errors == {
        "end": ["The end of the period is before its start."]
    }


def test_one_figure_downloads_as_csv(curator_client, downloads):
    response = curator_client.get(
        reverse("dashboard:figure_csv", args=["library.views_downloads"]), QUARTER
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="library-views_downloads-2026-01-01-2026-03-31.csv"'
    )
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Month", "Views", "Downloads"],
        ["January 2026", "0", "0"],
        ["February 2026", "7", "3"],
        ["March 2026", "0", "0"],
    ]


def test_an_unknown_figure_is_not_found(curator_client):
    url = reverse("dashboard:figure_csv", args=["library.nothing"])

    assert curator_client.get(url).status_code == 404


def test_every_figure_downloads_as_one_csv_with_suppressed_cells_empty(
    curator_client, downloads
):
    response = curator_client.get(reverse("dashboard:all_csv"), QUARTER)

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Area", "Indicator", "Category", "Series", "Value"]
    assert ["Library", "Views and downloads", "February 2026", "Downloads", "3"] in rows
    assert [
        "Academy",
        "Applications and places",
        "March 2026",
        "Applications",
        "0",
    ] in rows


def test_the_period_report_is_a_pdf_with_the_figures(curator_client, downloads):
    import pypdfium2

    response = curator_client.get(reverse("dashboard:report"), QUARTER)

    assert response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert "Programme report" in text
    assert "1 January 2026 to 31 March 2026, every country" in text
    assert "Views and downloads" in text


def test_the_funder_finds_the_dashboard_in_the_header(client, funder):
    import lxml.html

    client.force_login(funder)
    page = lxml.html.fromstring(client.get("/").content)

    links = [
        (a.text, a.get("href")) for a in page.xpath('//details[@class="staff-menu"]//a')
    ]
    assert links == [("Programme dashboard", "/dashboard/")]


def test_the_courses_figures_download_with_their_columns(curator_client):
    response = curator_client.get(
        reverse("dashboard:figure_csv", args=["courses.quiz_results"]), QUARTER
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Month",
        "Passed, in percent of attempts",
        "Mean score of an attempt, in percent",
    ]
    # Fewer than five attempts: empty cells, not zeros.
    assert rows[1:] == [
        ["January 2026", "", ""],
        ["February 2026", "", ""],
        ["March 2026", "", ""],
    ]


def test_the_community_figures_are_on_the_page_in_the_csv_and_the_report(
    curator_client,
):
    import pypdfium2

    page = curator_client.get(reverse("dashboard:index"), QUARTER).content.decode()
    assert 'id="courses-enrolments"' in page
    assert 'id="community-peer-requests"' in page

    response = curator_client.get(
        reverse("dashboard:figure_csv", args=["community.peer_requests"]), QUARTER
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Month", "Requests sent", "Accepted", "Declined", "Completed"]

    every = list(
        csv.reader(
            io.StringIO(
                curator_client.get(
                    reverse("dashboard:all_csv"), QUARTER
                ).content.decode()
            )
        )
    )
    assert ["Community", "Active city teams", "March 2026", "Active teams", "0"] in (
        every
    )
    assert [
        "Courses",
        "Enrolments and completions",
        "January 2026",
        "Enrolled",
        "0",
    ] in (every)

    report = curator_client.get(reverse("dashboard:report"), QUARTER)
    document = pypdfium2.PdfDocument(report.content)
    text = "\n".join(p.get_textpage().get_text_range() for p in document)
    assert "Threads and replies" in text
    assert "Completion rate by course" in text
