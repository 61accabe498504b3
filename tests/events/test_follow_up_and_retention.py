from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.events import services
from ecoc_hub.events.models import Answer, Application, FollowUp, Question
from tests.events.conftest import apply, make_answer_file, make_event

pytestmark = pytest.mark.django_db


def _accepted(event, organiser, **fields):
    application = apply(event, **fields)
    services.decide(application=application, action="accept", actor=organiser)
    return application


def test_accepted_participant_fills_the_follow_up_form(client, organiser):
    event = make_event(
        organisers=[organiser], follow_up_deadline=timezone.now() + timedelta(days=5)
    )
    application = _accepted(event, organiser)
    client.force_login(application.applicant)

    response = client.post(
        reverse("events:follow_up", args=[application.uuid]),
        {"travel": "Train, 2 March", "dietary_needs": "Vegan", "photo_consent": "on"},
    )

    assert response.status_code == 302
    follow_up = FollowUp.objects.get(application=application)
    assert (follow_up.travel, follow_up.dietary_needs, follow_up.photo_consent) == (
        "Train, 2 March",
        "Vegan",
        True,
    )


def test_follow_up_is_refused_after_the_deadline_and_before_acceptance(organiser):
    event = make_event(
        organisers=[organiser], follow_up_deadline=timezone.now() + timedelta(days=5)
    )
    waiting = apply(event)
    late_event = make_event(
        organisers=[organiser], follow_up_deadline=timezone.now() - timedelta(hours=1)
    )
    late = _accepted(late_event, organiser)

    for application in (waiting, late):
        with pytest.raises(ActionRefused):
            services.save_follow_up(
                application=application, user=application.applicant, travel="x"
            )
    assert FollowUp.objects.count() == 0


def test_follow_up_reminder_goes_once_to_those_who_have_not_answered(organiser):
    event = make_event(
        organisers=[organiser], follow_up_deadline=timezone.now() + timedelta(days=2)
    )
    silent = _accepted(event, organiser, language="de")
    answered = _accepted(event, organiser)
    services.save_follow_up(application=answered, user=answered.applicant, travel="x")
    mail.outbox.clear()

    first = services.send_follow_up_reminders()
    second = services.send_follow_up_reminders()

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[silent.applicant.email]]
    assert mail.outbox[0].subject.endswith(
        f"Vor {event.title}: Bitte füllen Sie Ihr Formular aus"
    )


def test_webinar_reminders_a_day_and_an_hour_before_with_the_link(organiser):
    now = timezone.now()
    webinar = make_event(
        kind="webinar",
        registration_mode="open",
        capacity=10,
        organisers=[organiser],
        online_url="https://meet.example.org/webinar",
        time_zone="Europe/Helsinki",
        starts_at=now + timedelta(hours=20),
        ends_at=now + timedelta(hours=21),
        applications_close_at=now + timedelta(hours=19),
    )
    person = apply(webinar, language="fr")
    mail.outbox.clear()

    day = services.send_start_reminders(now=now)
    again = services.send_start_reminders(now=now)
    hour = services.send_start_reminders(now=now + timedelta(hours=19, minutes=30))

    assert (day, again, hour) == (1, 0, 1)
    assert [m.subject.split("] ")[-1] for m in mail.outbox] == [
        f"Demain : {webinar.title}",
        f"Dans une heure : {webinar.title}",
    ]
    assert all("https://meet.example.org/webinar" in m.body for m in mail.outbox)
    assert {m.to[0] for m in mail.outbox} == {person.applicant.email}
    # The start in the webinar's zone (Helsinki), not the site's (Brussels).
    starts = webinar.starts_at.astimezone(ZoneInfo(webinar.time_zone))
    assert f"{starts:%H:%M} ({webinar.time_zone})" in mail.outbox[1].body


def test_retention_purge_deletes_personal_data_and_keeps_counts(
    organiser, django_capture_on_commit_callbacks
):
    now = timezone.now()
    event = make_event(
        organisers=[organiser],
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=39),
        applications_open_at=None,
        applications_close_at=None,
        retention_days=30,
        capacity=5,
    )
    # Applications made while the event was open.
    Application.objects.create(
        event=event,
        name="Ana",
        role="researcher",
        country="FI",
        state="accepted",
        applicant=organiser,
    )
    other = Application.objects.create(event=event, name="Bo", state="rejected")
    question = Question.objects.create(event=event, kind="short_text", label="Why")
    Answer.objects.create(application=other, question=question, value="Because")
    file_answer = make_answer_file(other)
    FollowUp.objects.create(application=other, dietary_needs="Vegan")
    recent = make_event(organisers=[organiser])
    kept = apply(recent, name="Cy")

    assert default_storage.exists(file_answer.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        purged = services.purge_personal_data()

    assert purged == 1
    rows = list(
        Application.objects.filter(event=event)
        .order_by("pk")
        .values_list("name", "applicant", "state", "role", "country")
    )
    assert rows == [
        ("", None, "accepted", "researcher", "FI"),
        ("", None, "rejected", "", ""),
    ]
    assert Answer.objects.filter(application__event=event).count() == 0
    assert FollowUp.objects.count() == 0
    assert not default_storage.exists(file_answer.file.name)
    kept.refresh_from_db()
    assert kept.name == "Cy"
    assert services.purge_personal_data() == 0
