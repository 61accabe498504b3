"""Events in the API, the sitemap, schema.org JSON-LD, related sections, the
site search and the personal data export and deletion."""

from __future__ import annotations

import json
import re

import pytest

from ecoc_hub.accounts.privacy import ContributionChoice
from ecoc_hub.cities.models import Title
from ecoc_hub.events.models import Application, Speaker
from ecoc_hub.events.privacy import erase_event_data, export_event_data
from ecoc_hub.events.search_index import index_event
from ecoc_hub.search.models import SearchDocument
from tests.events.conftest import apply, make_event, make_session

pytestmark = pytest.mark.django_db


def test_api_lists_public_events_sessions_and_speakers(client):
    event = make_event(title="Open camp")
    make_event(title="Draft camp", visibility="draft")
    session = make_session(event)
    session.speakers.add(Speaker.objects.create(name="Ana", slug="ana", bio="Bio"))
    Speaker.objects.create(name="Hidden", slug="hidden", is_public=False)

    events = client.get("/api/v1/events").json()
    sessions = client.get(f"/api/v1/events/{event.slug}/sessions").json()
    speakers = client.get("/api/v1/speakers").json()
    draft = client.get("/api/v1/events/" + "draft-none")

    assert [e["title"] for e in events["results"]] == ["Open camp"]
    assert [(s["title"], s["speakers"]) for s in sessions] == [
        ("Digital evaluation", ["ana"])
    ]
    assert [s["name"] for s in speakers["results"]] == ["Ana"]
    assert draft.status_code == 404


def test_event_page_has_schema_org_event_jsonld(client):
    event = make_event(format="hybrid", venue_name="Main hall", capacity=30)

    html = client.get(event.get_absolute_url()).content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "EducationEvent"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert [loc["@type"] for loc in data["location"]] == ["Place", "VirtualLocation"]
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_sitemap_lists_public_events(client):
    event = make_event()
    make_event(slug="secret-draft", visibility="draft")

    body = client.get("/sitemap-events.xml").content.decode()

    assert event.get_absolute_url() in body
    assert "secret-draft" not in body


def test_city_and_capacity_area_pages_show_their_events(client):
    title = Title.objects.get(year=2026, city__name="Oulu")
    event = make_event(title="Oulu camp", host_title=title)
    from ecoc_hub.cities.models import CapacityArea

    area = CapacityArea.objects.get(code="digital")
    event.capacity_areas.add(area)

    city_page = client.get(title.city.get_absolute_url()).content.decode()
    area_page = client.get(area.get_absolute_url()).content.decode()

    assert "Oulu camp" in city_page
    assert "Oulu camp" in area_page


def test_site_search_indexes_title_description_and_programme():
    event = make_event(title="Legacy camp", description="About *evaluation*.")
    make_session(event, title="Budget workshop")
    draft = make_event(visibility="draft")

    index_event(event)
    index_event(draft)

    document = SearchDocument.objects.get(kind="events.event")
    passages = list(document.passages.values_list("text", flat=True))
    assert document.object_id == event.pk
    assert [p for p in passages if "evaluation" in p] == [
        "Legacy camp. About evaluation."
    ]
    assert "Budget workshop" in passages


def test_export_and_erase_of_a_persons_applications(organiser, member):
    event = make_event(organisers=[organiser])
    application = apply(event, member, name="Mia Member", organisation="Team")

    exported = export_event_data(member)
    erase_event_data(member, contributions=ContributionChoice.KEEP)

    assert [a["name"] for a in exported["applications"]] == ["Mia Member"]
    application = Application.objects.get(pk=application.pk)
    assert (application.applicant_id, application.name, application.state) == (
        None,
        "",
        "submitted",
    )
