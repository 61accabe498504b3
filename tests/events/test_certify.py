"""Certificates of attendance: the rule, issuing, the participant's view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from jwcrypto import jwk, jwt

from ecoc_hub.certificates.models import Certificate
from ecoc_hub.certificates.permissions import can_manage_certificate
from ecoc_hub.certificates.services import revoke
from ecoc_hub.events import certify, checkin, services
from tests.events.conftest import apply, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(event):
    now = timezone.now()
    return [
        make_session(
            event,
            title=f"Session {i}",
            starts_at=now + timedelta(hours=i),
            ends_at=now + timedelta(hours=i, minutes=45),
        )
        for i in range(6)
    ]


def _participant(event, organiser, name):
    application = apply(event, UserFactory(display_name=name))
    services.decide(application=application, action="accept", actor=organiser)
    return application.applicant


def _attend(person, sessions):
    for session in sessions:
        checkin.check_in(session=session, participant=person, by=None, method="list")


@pytest.mark.parametrize(("total", "needed"), [(0, 0), (1, 1), (4, 3), (6, 5), (8, 6)])
def test_75_percent_of_sessions_rounded_up(total, needed):
    assert certify.sessions_needed(total, 75) == needed


@pytest.mark.parametrize(
    ("percent", "total", "needed"),
    [(100, 6, 6), (50, 6, 3), (50, 5, 3), (1, 6, 1), (34, 3, 2), (33, 3, 1)],
)
def test_the_events_own_percentage_is_rounded_up(percent, total, needed):
    assert certify.sessions_needed(total, percent) == needed


@pytest.mark.parametrize(("attended", "eligible"), [(2, False), (3, True)])
def test_an_event_at_50_percent_certifies_from_half_the_sessions(
    event, organiser, sessions, attended, eligible
):
    event.attendance_percent = 50
    event.save(update_fields=["attendance_percent"])
    person = _participant(event, organiser, "Half Way")
    _attend(person, sessions[:attended])

    issued = certify.issue_attendance_certificates(event=event, by=organiser)

    assert [c.recipient for c in issued] == ([person] if eligible else [])
    if eligible:
        assert issued[0].criteria == (
            "Attended at least 50 % of the sessions of the event (3 of 6)."
        )


def test_only_participants_meeting_the_rule_get_a_certificate(
    event, organiser, sessions
):
    enough = _participant(event, organiser, "Пловдив Петрова")
    short = _participant(event, organiser, "Short Stay")
    _attend(enough, sessions[:5])
    _attend(short, sessions[:4])

    issued = certify.issue_attendance_certificates(event=event, by=organiser)

    assert [c.recipient for c in issued] == [enough]
    certificate = issued[0]
    assert certificate.recipient_name == "Пловдив Петрова"
    assert certificate.title == f"Certificate of attendance: {event.title}"
    assert certificate.criteria == (
        "Attended at least 75 % of the sessions of the event (5 of 6)."
    )
    assert certificate.source == event


def test_issuing_twice_issues_nothing_new(event, organiser, sessions):
    person = _participant(event, organiser, "Ana")
    _attend(person, sessions)
    certify.issue_attendance_certificates(event=event, by=organiser)

    again = certify.issue_attendance_certificates(event=event, by=organiser)

    assert again == []
    assert Certificate.objects.count() == 1


def test_after_revocation_the_organiser_can_issue_again(event, organiser, sessions):
    person = _participant(event, organiser, "Ana")
    _attend(person, sessions)
    (first,) = certify.issue_attendance_certificates(event=event, by=organiser)
    revoke(certificate=first, actor=organiser, reason="Wrong name.")

    (second,) = certify.issue_attendance_certificates(event=event, by=organiser)

    assert second.pk != first.pk


def test_the_events_organisers_manage_its_certificates_and_others_do_not(
    event, organiser, sessions
):
    person = _participant(event, organiser, "Ana")
    _attend(person, sessions)
    (certificate,) = certify.issue_attendance_certificates(event=event, by=organiser)

    assert can_manage_certificate(organiser, certificate) is True
    assert can_manage_certificate(UserFactory(), certificate) is False
    assert can_manage_certificate(person, certificate) is False


def test_certificate_is_in_the_participants_language(event, organiser, sessions):
    application = apply(
        event, UserFactory(display_name="Jürgen", preferred_language="de")
    )
    services.decide(application=application, action="accept", actor=organiser)
    _attend(application.applicant, sessions)

    (certificate,) = certify.issue_attendance_certificates(event=event, by=organiser)

    assert certificate.language == "de"
    assert certificate.title == f"Teilnahmebescheinigung: {event.title}"


def test_organiser_page_issues_and_lists(client, event, organiser, sessions):
    person = _participant(event, organiser, "Ana")
    _attend(person, sessions)
    client.force_login(organiser)
    url = reverse("attendance:certificates", args=[event.slug])

    response = client.post(url)
    page = client.get(url).content.decode()

    assert response["Location"] == url
    certificate = Certificate.objects.get()
    assert certificate.display_code in page
    assert "6 / 6" in page


def test_the_issued_credential_verifies_with_jwcrypto(
    client, event, organiser, sessions
):
    person = _participant(event, organiser, "Ana")
    _attend(person, sessions)
    (certificate,) = certify.issue_attendance_certificates(event=event, by=organiser)
    keys = jwk.JWKSet.from_json(client.get(reverse("certificates:jwks")).content)

    token = jwt.JWT(jwt=certificate.credential_jwt, key=keys, algs=["EdDSA"])

    assert '"OpenBadgeCredential"' in token.claims
