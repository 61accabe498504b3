"""The organisers' pages: creating and editing an event, its organisers,
its visibility on the workflow, and the programme, with calendars that
follow every change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.events import organising, programme
from ecoc_hub.events.models import Event, EventHistory, Session, Speaker
from tests.events.conftest import make_event, make_session
from tests.factories import UserFactory
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def role_organiser(db):
    return UserFactory(display_name="Rosa Role", roles=["organiser"])


def _event_data(**overrides) -> dict:
    data = {
        "kind": "academy_camp",
        "title": "Participation camp",
        "summary": "Three days on audiences.",
        "format": "hybrid",
        "venue_name": "Kulttuuritalo",
        "venue_address": "Kaarlenväylä 4\n90100 Oulu",
        "map_url": "https://www.openstreetmap.org/#map=18/65.01/25.47",
        "venue_accessibility": "Step-free entrance.",
        "online_url": "https://meet.example.org/camp",
        "starts_at": "2027-03-27T09:00",
        "ends_at": "2027-03-29T17:00",
        "time_zone": "Europe/Helsinki",
        "description": "A *camp* for [teams](https://example.org).",
        "languages": ["en", "fi"],
        "interpretation": "Finnish to English",
        "capacity": "30",
        "registration_mode": "selection",
        "applications_open_at": "2027-01-01T00:00",
        "applications_close_at": "2027-02-01T12:00",
        "offer_hours": "48",
        "follow_up_deadline": "",
        "retention_days": "365",
        "attendance_percent": "75",
    }
    data.update(overrides)
    return data


def test_a_person_with_the_organiser_role_creates_a_draft_event(role_organiser):
    area = CapacityArea.objects.first()
    title = Title.objects.get(year=2026, city__name="Oulu")

    response = _client(role_organiser).post(
        reverse("events:create"),
        _event_data(capacity_areas=[area.pk], host_title=title.pk),
    )

    event = Event.objects.get(title="Participation camp")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:organise", args=[event.slug])
    assert event.visibility == Event.Visibility.DRAFT
    assert list(event.organisers.all()) == [role_organiser]
    assert list(event.capacity_areas.all()) == [area]
    assert event.host_title == title
    # 09:00 in Helsinki (UTC+2 in March before the DST change) is 07:00 UTC.
    assert event.starts_at == datetime(2027, 3, 27, 7, 0, tzinfo=UTC)
    assert event.applications_close_at == datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
    assert event.languages == ["en", "fi"]
    assert event.slug == "participation-camp"


def test_a_member_without_the_role_may_not_create_an_event(member):
    response = _client(member).post(reverse("events:create"), _event_data())

    assert response.status_code == 403
    assert Event.objects.count() == 0


def test_bad_input_is_explained_and_nothing_is_created(role_organiser):
    response = _client(role_organiser).post(
        reverse("events:create"),
        _event_data(ends_at="2027-03-26T09:00", online_url="", time_zone="Mars/Base"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == ["ends_at", "online_url", "time_zone"]
    assert Event.objects.count() == 0


def test_an_end_before_the_start_is_refused(role_organiser):
    response = _client(role_organiser).post(
        reverse("events:create"), _event_data(ends_at="2027-03-26T09:00")
    )

    assert response.context["form"].errors == {
        "ends_at": ["The end is before the start."]
    }
    assert Event.objects.count() == 0


def test_the_description_preview_renders_markdown_and_saves_nothing(role_organiser):
    response = _client(role_organiser).post(
        reverse("events:create"), _event_data(preview="1")
    )

    assert response.status_code == 200
    assert (
        '<p>A <em>camp</em> for <a href="https://example.org" rel="noopener '
        'noreferrer nofollow">teams</a>.</p>' in response.content.decode()
    )
    assert Event.objects.count() == 0


def test_the_settings_form_shows_times_in_the_events_zone(organiser, event):
    event.time_zone = "Europe/Helsinki"
    event.starts_at = datetime(2027, 3, 27, 7, 0, tzinfo=UTC)
    event.ends_at = datetime(2027, 3, 29, 15, 0, tzinfo=UTC)
    event.save()

    response = _client(organiser).get(reverse("events:settings", args=[event.slug]))

    assert 'value="2027-03-27T09:00"' in response.content.decode()


def test_editing_the_dates_raises_the_events_calendar_sequence(organiser, event):
    client = _client(organiser)
    url = reverse("events:settings", args=[event.slug])
    ics = reverse("events:event_ics", args=[event.slug])
    first = Calendar.from_ical(client.get(ics).content).walk("VEVENT")[0]

    client.post(url, _event_data(title=event.title, starts_at="2027-03-28T09:00"))
    event.refresh_from_db()
    after_move = Calendar.from_ical(client.get(ics).content).walk("VEVENT")[0]
    client.post(
        url,
        _event_data(
            title=event.title, starts_at="2027-03-28T09:00", description="Changed."
        ),
    )
    event.refresh_from_db()

    assert str(after_move["uid"]) == str(first["uid"])
    assert (first["sequence"], after_move["sequence"]) == (0, 1)
    assert after_move.decoded("dtstart").replace(tzinfo=None) == datetime(
        2027, 3, 28, 9, 0
    )
    # A new description is not a change a calendar must act on.
    assert (event.sequence, event.description) == (1, "Changed.")


def test_an_organiser_of_another_event_may_not_edit_this_one(event):
    other = UserFactory()
    make_event(organisers=[other])

    response = _client(other).post(
        reverse("events:settings", args=[event.slug]), _event_data(title="Taken")
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Audience development camp"


def test_publishing_and_archiving_go_through_the_workflow_with_history(organiser):
    event = make_event(visibility="draft", organisers=[organiser])
    client = _client(organiser)

    client.post(reverse("events:visibility", args=[event.slug, "publish"]))
    client.post(reverse("events:visibility", args=[event.slug, "archive"]))
    event.refresh_from_db()

    assert event.visibility == Event.Visibility.ARCHIVED
    history = EventHistory.objects.filter(event=event).order_by("pk")
    assert [(h.action, h.from_state, h.to_state, h.actor) for h in history] == [
        ("publish", "draft", "published", organiser),
        ("archive", "published", "archived", organiser),
    ]


def test_archiving_a_draft_is_refused_and_changes_nothing(organiser):
    event = make_event(visibility="draft", organisers=[organiser])

    with pytest.raises(TransitionError) as error:
        organising.change_visibility(event=event, action="archive", actor=organiser)

    assert error.value.code == "wrong_state"
    event.refresh_from_db()
    assert event.visibility == "draft"


def test_an_outsider_may_not_publish(event, member):
    with pytest.raises(ActionRefused):
        organising.change_visibility(event=event, action="unpublish", actor=member)


def test_organisers_are_chosen_among_people_with_the_role(organiser, event):
    colleague = UserFactory(display_name="Colin Colleague", roles=["organiser"])
    stranger = UserFactory(display_name="Sam Stranger")
    client = _client(organiser)
    url = reverse("events:organisers", args=[event.slug])

    refused = client.post(url, {"organisers": [organiser.pk, stranger.pk]})
    client.post(url, {"organisers": [organiser.pk, colleague.pk]})

    assert list(refused.context["form"].errors) == ["organisers"]
    assert set(event.organisers.all()) == {organiser, colleague}


def _session_data(**overrides) -> dict:
    data = {
        "title": "Digital evaluation",
        "starts_at": "2027-03-27T10:00",
        "ends_at": "2027-03-27T11:30",
        "room": "Hall B",
        "online_url": "",
        "description": "",
        "new_speaker_name": "",
        "new_speaker_affiliation": "",
        "new_speaker_bio": "",
    }
    data.update(overrides)
    return data


def test_a_session_is_added_with_a_new_speaker_and_a_library_resource(
    organiser, curator
):
    event = make_event(time_zone="Europe/Berlin", organisers=[organiser])
    resource = make_resource(owner=curator, curator=curator, title="Evaluation kit")

    response = _client(organiser).post(
        reverse("events:session_new", args=[event.slug]),
        _session_data(
            materials=[resource.pk],
            new_speaker_name="Ilona Ilves",
            new_speaker_affiliation="Oulu2026",
            new_speaker_bio="Evaluator of three capitals.",
        ),
    )

    assert response.status_code == 302
    session = event.sessions.get()
    assert session.starts_at == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.slug, speaker.bio) == (
        "Ilona Ilves",
        "ilona-ilves",
        "Evaluator of three capitals.",
    )
    assert list(session.speakers.all()) == [speaker]
    assert list(session.materials.all()) == [resource]


def test_moving_a_session_on_its_page_moves_it_in_the_calendar(organiser):
    event = make_event(time_zone="Europe/Berlin", organisers=[organiser])
    session = make_session(event)
    client = _client(organiser)
    ics = reverse("events:session_ics", args=[session.uuid])
    before = Calendar.from_ical(client.get(ics).content).walk("VEVENT")[0]

    client.post(
        reverse("events:session_edit", args=[event.slug, session.uuid]),
        _session_data(
            title=session.title,
            starts_at="2026-03-27T14:00",
            ends_at="2026-03-27T15:30",
        ),
    )
    after = Calendar.from_ical(client.get(ics).content).walk("VEVENT")[0]

    assert str(after["uid"]) == str(before["uid"])
    assert after["sequence"] == before["sequence"] + 1
    start = after.decoded("dtstart")
    assert (start.tzinfo.key, start.hour, start.minute) == ("Europe/Berlin", 14, 0)


def test_saving_a_session_unchanged_keeps_its_sequence(organiser):
    event = make_event(time_zone="UTC", organisers=[organiser])
    session = make_session(event, room="")

    _client(organiser).post(
        reverse("events:session_edit", args=[event.slug, session.uuid]),
        _session_data(
            title=session.title,
            starts_at="2026-03-27T09:00",
            ends_at="2026-03-27T10:30",
            room="",
        ),
    )

    session.refresh_from_db()
    assert session.sequence == 0


def test_adding_a_speaker_raises_the_sessions_sequence(organiser, event):
    session = make_session(event)
    speaker = programme.create_speaker(name="Ana Alves")

    programme.update_session(session=session, speakers=[speaker])
    session.refresh_from_db()

    assert session.sequence == 1


def test_a_session_ending_before_it_starts_is_refused(organiser, event):
    response = _client(organiser).post(
        reverse("events:session_new", args=[event.slug]),
        _session_data(ends_at="2027-03-27T09:00"),
    )

    assert response.status_code == 200
    assert Session.objects.count() == 0


def test_a_session_of_another_event_is_not_found_here(organiser, event):
    elsewhere = make_session(make_event())

    response = _client(organiser).get(
        reverse("events:session_edit", args=[event.slug, elsewhere.uuid])
    )

    assert response.status_code == 404


def test_deleting_a_session(organiser, event):
    session = make_session(event)

    response = _client(organiser).post(
        reverse("events:session_delete", args=[event.slug, session.uuid])
    )

    assert response.status_code == 302
    assert event.sessions.count() == 0


def test_the_hub_links_every_organiser_page(organiser, event):
    response = _client(organiser).get(reverse("events:organise", args=[event.slug]))

    html = response.content.decode()
    for name in ("settings", "programme", "organisers", "questions", "selection"):
        assert reverse(f"events:{name}", args=[event.slug]) in html
    assert reverse("attendance:certificates", args=[event.slug]) in html


def test_the_event_page_states_the_certificate_rule(client, event):
    event.attendance_percent = 80
    event.save()
    make_session(event)

    response = client.get(event.get_absolute_url())

    assert (
        "Attend at least 80 % of the sessions to get a certificate of attendance."
        in response.content.decode()
    )
