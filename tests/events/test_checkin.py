"""Check-in by ticket and by list, and what participants see."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from lxml import html

from ecoc_hub.events import checkin, services
from ecoc_hub.events.attendance import Attendance
from tests.events.conftest import apply, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now_session(event):
    now = timezone.now()
    return make_session(
        event,
        title="Opening",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
    )


@pytest.fixture
def later_session(event):
    now = timezone.now()
    return make_session(
        event,
        title="Closing",
        starts_at=now + timedelta(hours=3),
        ends_at=now + timedelta(hours=4),
    )


@pytest.fixture
def participant(event, organiser):
    person = UserFactory(display_name="Θεσσαλονίκη Παπά")
    application = apply(event, person)
    services.decide(application=application, action="accept", actor=organiser)
    application.refresh_from_db()
    return application


def _ticket_url(application):
    return reverse("attendance:checkin", args=[checkin.ticket_token(application)])


def test_ticket_token_names_the_application_and_resists_tampering(participant):
    token = checkin.ticket_token(participant)

    assert checkin.application_for_token(token) == participant
    assert checkin.application_for_token(token[:-2] + "xx") is None
    forged = signing.dumps(str(participant.uuid), salt="another purpose")
    assert checkin.application_for_token(forged) is None


def test_a_withdrawn_participants_ticket_no_longer_works(participant):
    token = checkin.ticket_token(participant)

    services.withdraw_application(application=participant, user=participant.applicant)

    assert checkin.application_for_token(token) is None


def test_current_session_is_the_one_on_now(event, now_session, later_session):
    assert checkin.current_session(event) == now_session
    assert checkin.current_session(event, now=later_session.starts_at) == later_session
    assert (
        checkin.current_session(event, now=later_session.ends_at + timedelta(1)) is None
    )


def test_organiser_opening_the_ticket_checks_in_for_the_current_session(
    client, organiser, participant, now_session, later_session
):
    client.force_login(organiser)

    page = client.get(_ticket_url(participant))
    selected = html.fromstring(page.content).xpath(
        "//select[@name='session']/option[@selected]/text()"
    )
    response = client.post(_ticket_url(participant), {"session": now_session.pk})

    assert page.status_code == 200
    assert selected[0].startswith("Opening (")
    assert response["Location"] == reverse(
        "attendance:session", args=[now_session.uuid]
    )
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.participant, attendance.method) == (
        now_session,
        participant.applicant,
        "ticket",
    )
    assert attendance.checked_in_by == organiser


def test_a_second_check_in_is_refused_and_changes_nothing(
    client, organiser, participant, now_session
):
    client.force_login(organiser)
    client.post(_ticket_url(participant), {"session": now_session.pk})

    again = client.post(_ticket_url(participant), {"session": now_session.pk})

    assert again.status_code == 400
    assert "Already checked in for this session." in again.content.decode()
    assert Attendance.objects.count() == 1


def test_the_participant_opening_their_own_ticket_sees_the_ticket(client, participant):
    client.force_login(participant.applicant)

    response = client.get(_ticket_url(participant))

    assert response["Location"] == reverse(
        "attendance:ticket", args=[participant.event.slug]
    )
    assert Attendance.objects.count() == 0


def test_another_member_cannot_check_anyone_in(client, participant, now_session):
    client.force_login(UserFactory())

    response = client.post(_ticket_url(participant), {"session": now_session.pk})

    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_check_in_list_searches_by_name_and_checks_in_with_one_tap(
    client, organiser, participant, now_session, event
):
    other = apply(event, UserFactory(display_name="Jan Novák"))
    services.decide(application=other, action="accept", actor=organiser)
    client.force_login(organiser)
    url = reverse("attendance:session", args=[now_session.uuid])

    found = html.fromstring(client.get(url, {"q": "nov"}).content)
    names = [n.text for n in found.xpath("//*[@class='checkin-name']")]
    tapped = client.post(url, {"participant": other.applicant_id, "q": "nov"})

    assert names == ["Jan Novák"]
    assert tapped["Location"] == f"{url}?q=nov"
    assert list(Attendance.objects.values_list("participant", "method")) == [
        (other.applicant_id, "list")
    ]
    client.post(url, {"participant": other.applicant_id, "undo": "1"})
    assert Attendance.objects.count() == 0


def test_someone_not_accepted_cannot_be_checked_in_from_the_list(
    client, organiser, event, now_session
):
    pending = apply(event, UserFactory())
    client.force_login(organiser)

    client.post(
        reverse("attendance:session", args=[now_session.uuid]),
        {"participant": pending.applicant_id},
    )

    assert Attendance.objects.count() == 0


def test_check_in_list_has_constant_queries(
    client, organiser, event, now_session, django_assert_num_queries
):
    event.capacity = 10
    event.save(update_fields=["capacity"])
    client.force_login(organiser)
    url = reverse("attendance:session", args=[now_session.uuid])

    def accept(n):
        for _ in range(n):
            a = apply(event, UserFactory())
            services.decide(application=a, action="accept", actor=organiser)

    accept(1)
    client.get(url)
    with django_assert_num_queries(9) as one:
        client.get(url)
    accept(2)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_participant_sees_ticket_qr_and_attendance(
    client, participant, now_session, later_session
):
    checkin.check_in(
        session=now_session, participant=participant.applicant, by=None, method="list"
    )
    client.force_login(participant.applicant)

    page = html.fromstring(
        client.get(reverse("attendance:ticket", args=[participant.event.slug])).content
    )

    assert page.xpath("//img/@src")[0].startswith("data:image/png;base64,")
    items = [
        " ".join(li.text_content().split()) for li in page.xpath("//section[1]//li")
    ]
    assert items == ["Opening: present", "Closing: not checked in"]


def test_event_page_links_an_accepted_participant_to_the_ticket(client, participant):
    client.force_login(participant.applicant)

    page = html.fromstring(client.get(participant.event.get_absolute_url()).content)

    assert page.xpath("//a[text()='My ticket and attendance']/@href") == [
        reverse("attendance:ticket", args=[participant.event.slug])
    ]
