"""A curator opens the programme dashboard from the header, filters it by a
country and downloads a figure as CSV, at a phone's width and a desktop's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e import data
from tests.e2e.helpers import add_session_cookie, assert_no_raw_text, check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(params=[390, 1280], ids=lambda width: f"{width}px")
def width(request) -> int:
    return request.param


def _records() -> None:
    from ecoc_hub.library.models import DailyCount, Resource

    now = timezone.now()
    finnish = Resource.objects.create(
        title="Finnish toolkit",
        state="published",
        published_at=now - timedelta(days=20),
        publication_year=now.year,
        resource_type="toolkit",
        countries=["FI"],
    )
    other = Resource.objects.create(
        title="Other guide",
        state="published",
        published_at=now - timedelta(days=20),
        publication_year=now.year,
        resource_type="guide",
    )
    today = timezone.localdate()
    DailyCount.objects.create(resource=finnish, day=today, views=9, downloads=4)
    DailyCount.objects.create(resource=other, day=today, views=30, downloads=20)


def test_curator_filters_the_dashboard_by_country_and_downloads_a_figure(
    page: Page, live_server, width: int
):
    _records()
    add_session_cookie(page.context, live_server.url, data.curator())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")

    page.get_by_text("Manage", exact=True).click()
    page.get_by_role("link", name="Programme dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme dashboard")
    check_page(page, "dashboard")
    assert_no_raw_text(page, "dashboard")

    page.get_by_label("Country", exact=True).select_option(label="Finland")
    page.get_by_role("button", name="Show figures").click()
    expect(
        page.get_by_role("heading", name="Figures for", exact=False)
    ).to_contain_text("Finland")
    figure = page.locator("#library-views-downloads")
    month = timezone.localdate().strftime("%B %Y")
    expect(figure.get_by_role("row", name=month)).to_contain_text("9")
    check_page(page, "dashboard filtered by a country")

    with page.expect_download() as download_info:
        figure.get_by_role("link", name="Download as CSV").click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Month,Views,Downloads"
    assert text.splitlines()[-1] == f"{month},9,4"
