"""Directory pages list what the hub holds about them, with counts and a link
to the filtered search (issue 9, point 8)."""

from __future__ import annotations

import pytest

from ecoc_hub.cities.models import CapacityArea, Title
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


def _library_section(response):
    return next(
        s
        for s in response.context["related_sections"]
        if s.heading == "Library resources"
    )


def test_title_city_and_area_pages_list_published_resources_with_a_count(
    client, member, curator
):
    published = make_resource(owner=member, curator=curator, title="Volunteer guide")
    make_resource(owner=member, curator=curator, title="Draft", state="draft")
    make_resource(owner=member, curator=curator, title="For members", access="members")
    title = Title.objects.get(city__name="Oulu", year=2026)
    area = published.capacity_areas.get()

    pages = {
        "title": client.get(title.get_absolute_url()),
        "city": client.get(title.city.get_absolute_url()),
        "area": client.get(area.get_absolute_url()),
    }

    for name, response in pages.items():
        section = _library_section(response)
        assert [r.title for r in section.context["resources"]] == ["Volunteer guide"], (
            name
        )
        assert section.context["total"] == 1, name
        assert "1 resource in the library." in response.content.decode(), name
        assert "Volunteer guide</a>" in response.content.decode(), name
    assert _library_section(pages["city"]).context["search_url"] == (
        "/search/?kind=library.resource&city=oulu-fi"
    )
    assert _library_section(pages["area"]).context["search_url"] == (
        f"/search/?kind=library.resource&capacity_area={area.code}"
    )


def test_members_see_members_only_resources_on_directory_pages(
    member_client, member, curator
):
    make_resource(owner=curator, curator=curator, title="For members", access="members")
    title = Title.objects.get(city__name="Oulu", year=2026)

    section = _library_section(member_client.get(title.get_absolute_url()))

    assert [r.title for r in section.context["resources"]] == ["For members"]


def test_a_page_about_nothing_has_no_library_section(client):
    title = Title.objects.get(city__name="Matera", year=2019)

    response = client.get(title.get_absolute_url())

    # Only the team section, which says that no team has joined yet.
    assert [s.heading for s in response.context["related_sections"]] == ["City teams"]


def test_criteria_and_home_pages_count_what_each_capacity_area_holds(
    client, member, curator
):
    resource = make_resource(owner=member, curator=curator)
    area = resource.capacity_areas.get()
    other = CapacityArea.objects.exclude(pk=area.pk).first()

    criteria = client.get("/cities/criteria/")
    home = client.get("/")
    area_page = client.get(area.get_absolute_url()).content.decode()

    rows = {
        a.code: (count, url)
        for _criterion, areas in criteria.context["criteria_areas"]
        for a, count, url in areas
    }
    assert rows[area.code] == (1, f"/search/?capacity_area={area.code}")
    assert rows[other.code][0] == 0
    assert {a.code: n for a, n in home.context["capacity_areas"]}[area.code] == 1
    assert "1 item on the hub" in criteria.content.decode()
    assert f'href="/search/?capacity_area={area.code}"' in area_page
