from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.events import services
from ecoc_hub.events.models import Speaker
from tests.events.conftest import apply, make_event, make_session

pytestmark = pytest.mark.django_db


def test_list_shows_upcoming_and_past_events_filtered_by_kind(client):
    now = timezone.now()
    make_event(title="Future camp")
    make_event(title="Future webinar", kind="webinar")
    make_event(
        title="Old camp",
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=39),
        applications_open_at=None,
        applications_close_at=None,
    )
    make_event(title="Hidden draft", visibility="draft")

    upcoming = client.get(reverse("events:list"))
    past = client.get(reverse("events:list"), {"when": "past"})
    webinars = client.get(reverse("events:list"), {"kind": "webinar"})

    assert [e.title for e in upcoming.context["events"]] == [
        "Future camp",
        "Future webinar",
    ]
    assert [e.title for e in past.context["events"]] == ["Old camp"]
    assert [e.title for e in webinars.context["events"]] == ["Future webinar"]


def test_list_filters_by_capacity_area(client):
    from ecoc_hub.cities.models import CapacityArea

    area = CapacityArea.objects.first()
    tagged = make_event(title="Tagged")
    tagged.capacity_areas.add(area)
    make_event(title="Untagged")

    response = client.get(reverse("events:list"), {"area": area.code})

    assert [e.title for e in response.context["events"]] == ["Tagged"]


@pytest.mark.parametrize("items", [1, 3])
def test_list_query_count_is_constant(client, django_assert_num_queries, items):
    for _ in range(items):
        make_event()
    with django_assert_num_queries(3):
        client.get(reverse("events:list"))


def test_detail_groups_sessions_by_day_in_the_event_zone(client):
    event = make_event(time_zone="Europe/Berlin")
    # 23:30 UTC on 27 March is 00:30 on 28 March in Berlin.
    make_session(
        event,
        title="Late",
        starts_at=datetime(2026, 3, 27, 23, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 28, 0, 30, tzinfo=UTC),
    )
    make_session(event, title="Morning")

    response = client.get(event.get_absolute_url())

    days = response.context["days"]
    assert [(d.day.isoformat(), [s.session.title for s in d.slots]) for d in days] == [
        ("2026-03-27", ["Morning"]),
        ("2026-03-28", ["Late"]),
    ]
    assert days[0].slots[0].starts.strftime("%H:%M") == "10:00"


def test_detail_shows_the_readers_zone_on_request(client):
    event = make_event(time_zone="Europe/Berlin")
    make_session(event)

    response = client.get(event.get_absolute_url(), {"tz": "America/New_York"})
    unknown = client.get(event.get_absolute_url(), {"tz": "Mars/Olympus"})

    slot = response.context["days"][0].slots[0]
    assert slot.reader_starts.strftime("%H:%M") == "05:00"
    assert unknown.context["unknown_zone"] is True
    assert unknown.context["days"][0].slots[0].reader_starts is None


def test_the_page_shows_times_in_the_event_zone_not_the_sites(client, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    event = make_event(time_zone="Europe/Helsinki")
    # 09:00 UTC is 11:00 in Helsinki (10:00 in Brussels), 05:00 in New York.
    make_session(event)

    html = client.get(event.get_absolute_url(), {"tz": "America/New_York"}).content
    page = html.decode()

    assert ">11:00</time>" in page
    assert "05:00\u201306:30 on" in page


def test_online_link_only_for_accepted_participants(client, organiser):
    event = make_event(
        online_url="https://meet.example.org/camp", organisers=[organiser]
    )
    application = apply(event)
    other = apply(event)

    client.force_login(other.applicant)
    before = client.get(event.get_absolute_url())
    services.decide(application=application, action="accept", actor=organiser)
    client.force_login(application.applicant)
    after = client.get(event.get_absolute_url())

    assert "https://meet.example.org/camp" not in before.content.decode()
    assert "https://meet.example.org/camp" in after.content.decode()


def test_description_markdown_is_sanitised(client):
    event = make_event(description="**Bold** <script>alert(1)</script>")

    html = client.get(event.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_public_speaker_bio_and_hidden_one(client):
    event = make_event()
    session = make_session(event)
    public = Speaker.objects.create(name="Ana", slug="ana", bio="Trainer.")
    private = Speaker.objects.create(name="Bo", slug="bo", is_public=False)
    session.speakers.set([public, private])

    page = client.get(event.get_absolute_url())

    assert [s.name for s in page.context["speakers"]] == ["Ana"]
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 404


def test_a_speakers_sessions_read_as_the_sessions_of_an_event_in_french(client):
    # "Sessions" of the account pages (where one is signed in) is another
    # word in French: each has its own context, so neither takes the other's.
    speaker = Speaker.objects.create(name="Ana", slug="ana", bio="Trainer.")
    make_session(make_event()).speakers.set([speaker])
    client.cookies["ecoc_hub_language"] = "fr"

    html = client.get(speaker.get_absolute_url()).content.decode()

    assert "<h2>Séances</h2>" in html


def test_the_account_pages_name_signed_in_sessions_in_french(client, member):
    client.force_login(member)
    client.cookies["ecoc_hub_language"] = "fr"

    html = client.get(reverse("mfa_index")).content.decode()

    assert 'aria-current="page">Séances' not in html
    assert ">Sessions</a>" in html
