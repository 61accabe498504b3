"""The .ics files, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from ecoc_hub.events import programme, services
from ecoc_hub.events.models import CalendarFeed
from tests.events.conftest import apply, make_event, make_session

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _vevents(calendar: Calendar):
    return list(calendar.walk("VEVENT"))


def test_session_ics_has_uid_dtstamp_sequence_url_and_zone(client, settings):
    settings.SITE_URL = "https://hub.example.org"
    event = make_event(time_zone="Europe/Berlin")
    session = make_session(event, title="Digital evaluation", room="Hall B")

    calendar = _parse(client.get(reverse("events:session_ics", args=[session.uuid])))

    (vevent,) = _vevents(calendar)
    assert str(vevent["uid"]) == f"session-{session.uuid}@hub.example.org"
    assert vevent["sequence"] == 0
    assert vevent.decoded("dtstamp") == session.updated_at.replace(microsecond=0)
    assert str(vevent["url"]) == "https://hub.example.org" + session.get_absolute_url()
    assert str(vevent["location"]) == "Hall B"
    start = vevent.decoded("dtstart")
    assert (start.tzinfo.key, start.hour, start.minute) == ("Europe/Berlin", 10, 0)
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_uid_is_stable_and_sequence_raised_when_a_session_moves(client):
    event = make_event(time_zone="Europe/Berlin")
    session = make_session(event)
    url = reverse("events:session_ics", args=[session.uuid])
    before = _vevents(_parse(client.get(url)))[0]

    services.update_session(
        session=session,
        starts_at=session.starts_at + timedelta(hours=2),
        ends_at=session.ends_at + timedelta(hours=2),
    )
    services.update_session(session=session, title="Digital evaluation, revised")
    after = _vevents(_parse(client.get(url)))[0]

    assert after["uid"] == before["uid"]
    assert (before["sequence"], after["sequence"]) == (0, 2)
    assert after.decoded("dtstart").hour == 12
    assert str(after["summary"]).startswith("Digital evaluation, revised")


def test_an_edit_that_changes_nothing_keeps_the_sequence():
    session = make_session(make_event())

    same = services.update_session(session=session, title=session.title)

    assert same.sequence == 0


def test_times_are_right_across_a_dst_change(client):
    # Berlin moves to summer time at 01:00 UTC on 29 March 2026.
    event = make_event(time_zone="Europe/Berlin")
    before = make_session(
        event,
        title="Friday",
        starts_at=datetime(2026, 3, 27, 8, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 27, 9, 0, tzinfo=UTC),
    )
    after = make_session(
        event,
        title="Monday",
        starts_at=datetime(2026, 3, 30, 7, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
    )

    calendar = _parse(client.get(reverse("events:event_ics", args=[event.slug])))

    starts = {
        str(v["summary"]).split(" · ")[0]: v.decoded("dtstart")
        for v in _vevents(calendar)
    }
    # Both at 09:00 local time, one hour apart in UTC.
    assert starts["Friday"].strftime("%H:%M") == "09:00"
    assert starts["Monday"].strftime("%H:%M") == "09:00"
    assert starts["Friday"].astimezone(UTC) == before.starts_at
    assert starts["Monday"].astimezone(UTC) == after.starts_at
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_event_without_sessions_is_one_vevent(client):
    event = make_event(title="Open webinar")

    calendar = _parse(client.get(reverse("events:event_ics", args=[event.slug])))

    (vevent,) = _vevents(calendar)
    assert str(vevent["uid"]).startswith(f"event-{event.uuid}@")
    assert str(vevent["summary"]) == "Open webinar"


def test_public_ics_never_holds_the_online_link(client):
    event = make_event(online_url="https://meet.example.org/secret")
    make_session(event, online_url="https://meet.example.org/session")

    body = client.get(reverse("events:event_ics", args=[event.slug])).content

    assert b"meet.example.org" not in body


def test_personal_feed_holds_the_sessions_of_accepted_events_only(
    client, organiser, member
):
    accepted_event = make_event(
        organisers=[organiser], online_url="https://meet.example.org/camp"
    )
    other_event = make_event(organisers=[organiser])
    make_session(accepted_event, title="Mine")
    make_session(other_event, title="Not mine")
    application = apply(accepted_event, member)
    apply(other_event, member)
    services.decide(application=application, action="accept", actor=organiser)
    feed = services.renew_calendar_feed(user=member)

    calendar = _parse(client.get(feed.get_absolute_url()))

    (vevent,) = _vevents(calendar)
    assert str(vevent["summary"]).startswith("Mine")
    assert "https://meet.example.org/camp" in str(vevent["description"])


def test_an_unchanged_feed_answers_304_and_a_moved_session_shows_moved(
    client, organiser, member
):
    event = make_event(organisers=[organiser])
    session = make_session(event, title="Mine")
    application = apply(event, member)
    services.decide(application=application, action="accept", actor=organiser)
    url = services.renew_calendar_feed(user=member).get_absolute_url()

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    programme.update_session(
        session=session,
        starts_at=session.starts_at + timedelta(hours=2),
        ends_at=session.ends_at + timedelta(hours=2),
    )
    moved = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert (again.status_code, again.content) == (304, b"")
    assert moved.status_code == 200
    assert moved["ETag"] != first["ETag"]
    (before,) = _vevents(_parse(first))
    (after,) = _vevents(_parse(moved))
    assert after["dtstart"].dt - before["dtstart"].dt == timedelta(hours=2)
    assert after["sequence"] == before["sequence"] + 1


def test_the_feed_changes_when_an_acceptance_does(client, organiser, member):
    event = make_event(organisers=[organiser])
    make_session(event, title="Mine")
    application = apply(event, member)
    services.decide(application=application, action="accept", actor=organiser)
    url = services.renew_calendar_feed(user=member).get_absolute_url()
    first = client.get(url)

    services.withdraw_application(application=application, user=member)
    after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert _vevents(_parse(after)) == []


def test_a_new_token_revokes_the_old_feed(client, member):
    feed = services.renew_calendar_feed(user=member)
    old_url = feed.get_absolute_url()

    client.force_login(member)
    response = client.post(reverse("events:new_feed_token"))
    new = CalendarFeed.objects.get(user=member)

    assert response.status_code == 302
    assert new.token != feed.token
    assert client.get(old_url).status_code == 404
    assert client.get(new.get_absolute_url()).status_code == 200


def test_the_zone_menu_offers_region_city_names_and_any_zone_still_works():
    from ecoc_hub.events import timetable

    names = timetable.zone_names()
    assert "Europe/Helsinki" in names
    assert "UTC" in names
    # Old aliases read as untranslated country names in a French menu.
    assert not {"Egypt", "Poland", "US/Eastern", "EST5EDT", "GMT+0"} & set(names)
    assert str(timetable.reader_zone("Poland")) == "Poland"
    assert timetable.reader_zone("Nowhere/Atlantis") is None


def test_the_feed_of_a_deactivated_account_is_not_found(client, member):
    feed = services.renew_calendar_feed(user=member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    assert client.get(feed.get_absolute_url()).status_code == 404


def test_an_unknown_feed_token_is_not_found(client, db):
    assert client.get(reverse("events:feed", args=["no-such-token"])).status_code == 404


def test_text_is_escaped_and_long_lines_folded_as_rfc_5545_says(client):
    # Commas, semicolons, backslashes and line breaks in a session's words,
    # and a description longer than a line in a language with accents.
    event = make_event(title="Camp; Oulu, 2026", time_zone="Europe/Helsinki")
    description = "Première partie\\ de l'atelier, à Oulu;\r\nDeuxième ligne. " * 4
    make_session(
        event,
        title="Écrire, lire; voir",
        room="Salle 2, étage 1",
        description=description,
    )

    response = client.get(reverse("events:event_ics", args=[event.slug]))
    (vevent,) = _vevents(_parse(response))

    assert str(vevent["summary"]) == "Écrire, lire; voir · Camp; Oulu, 2026"
    assert str(vevent["description"]) == description.replace("\r\n", "\n")
    assert str(vevent["location"]) == "Salle 2, étage 1"
    lines = response.content.split(b"\r\n")
    assert lines[-1] == b""  # every line, the last too, ends with CRLF
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode()  # no fold inside a UTF-8 character


def test_a_session_of_an_event_in_utc_is_written_in_utc_without_a_zone(client):
    event = make_event(time_zone="UTC")
    make_session(
        event,
        starts_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC),
        ends_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
    )

    response = client.get(reverse("events:event_ics", args=[event.slug]))
    calendar = _parse(response)

    (vevent,) = _vevents(calendar)
    assert vevent.decoded("dtstart") == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert b"DTSTART:20260601T080000Z" in response.content
    assert calendar.walk("VTIMEZONE") == []


def test_a_feed_across_events_and_zones_has_one_vtimezone_per_zone(
    client, organiser, member
):
    zones = ["Europe/Berlin", "Europe/Lisbon", "Europe/Berlin"]
    events = [
        make_event(organisers=[organiser], title=f"Camp {n}", time_zone=zone)
        for n, zone in enumerate(zones)
    ]
    for n, event in enumerate(events):
        make_session(event, title=f"Part {n}")
        application = apply(event, member)
        services.decide(application=application, action="accept", actor=organiser)
    feed = services.renew_calendar_feed(user=member)

    calendar = _parse(client.get(feed.get_absolute_url()))

    assert sorted(str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")) == [
        "Europe/Berlin",
        "Europe/Lisbon",
    ]
    starts = {
        str(v["summary"]): v["dtstart"].params["TZID"] for v in _vevents(calendar)
    }
    assert starts == {
        "Part 0 · Camp 0": "Europe/Berlin",
        "Part 1 · Camp 1": "Europe/Lisbon",
        "Part 2 · Camp 2": "Europe/Berlin",
    }


@pytest.mark.parametrize("events", [1, 3])
def test_the_feed_query_count_is_constant(
    client, organiser, member, django_assert_num_queries, events
):
    for event in [make_event(organisers=[organiser]) for _ in range(events)]:
        for _ in range(3):
            make_session(event)
        application = apply(event, member)
        services.decide(application=application, action="accept", actor=organiser)
    url = services.renew_calendar_feed(user=member).get_absolute_url()

    # The feed, its version, the sessions, their events, and the built copy
    # looked up and stored.
    with django_assert_num_queries(10):
        response = client.get(url)

    assert len(_vevents(_parse(response))) == 3 * events


def _built_whole(name, sessions) -> bytes:
    """The feed as icalendar builds it in one piece (what the kept
    components must add up to)."""
    from ecoc_hub.events import calendar as ics

    whole = ics._calendar(name)
    for session in sessions:
        whole.add_component(ics._session_vevent(session, with_links=True))
    return ics._finish(
        whole, [s.starts_at for s in sessions] + [s.ends_at for s in sessions]
    )


def test_the_feed_from_kept_components_is_what_building_it_whole_gives(
    organiser, member
):
    from ecoc_hub.events import calendar as ics
    from ecoc_hub.events import queries

    ics._VEVENTS.clear()
    event = make_event(organisers=[organiser], online_url="https://meet.example/a")
    make_session(event, title="Opening; a, b", description="Line one\nline two")
    make_session(
        event,
        title="Across the change to summer time",
        starts_at=datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
        ends_at=datetime(2027, 3, 28, 2, 0, tzinfo=UTC),
    )
    services.decide(application=apply(event, member), action="accept", actor=organiser)
    sessions = list(queries.accepted_sessions(member).select_related("event"))

    cold = ics.personal_calendar("Feed", sessions)
    warm = ics.personal_calendar("Feed", sessions)

    assert cold == warm == _built_whole("Feed", sessions)
    calendar = Calendar.from_ical(cold)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert len(_vevents(calendar)) == 2


def test_a_moved_session_is_built_again_and_the_others_are_reused(
    client, organiser, member, monkeypatch
):
    from ecoc_hub.events import calendar as ics

    ics._VEVENTS.clear()
    event = make_event(organisers=[organiser])
    sessions = [make_session(event, title=f"Part {n}") for n in range(4)]
    services.decide(application=apply(event, member), action="accept", actor=organiser)
    url = services.renew_calendar_feed(user=member).get_absolute_url()
    _parse(client.get(url))
    built = []
    original = ics._session_vevent

    def counting(session, **kwargs):
        built.append(session.title)
        return original(session, **kwargs)

    monkeypatch.setattr(ics, "_session_vevent", counting)

    moved = sessions[2]
    programme.update_session(
        session=moved,
        starts_at=moved.starts_at + timedelta(hours=2),
        ends_at=moved.ends_at + timedelta(hours=2),
    )
    calendar = _parse(client.get(url))

    assert built == ["Part 2"]
    start = {str(v["summary"]): v["dtstart"].dt for v in _vevents(calendar)}
    assert start["Part 2 · Audience development camp"] == (
        moved.starts_at + timedelta(hours=2)
    ).astimezone(BERLIN)
