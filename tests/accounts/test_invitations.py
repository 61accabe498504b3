from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.accounts.models import Invitation, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(team, team_admin):
    return Invitation.objects.create(
        organisation=team, email="Member@Example.org", invited_by=team_admin
    )


def _url(invitation):
    return reverse("accounts:invitation", args=[invitation.token])


def test_invited_member_accepts_with_the_same_address_in_any_case(
    member_client, member, invitation, team
):
    response = member_client.post(_url(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == team.get_absolute_url()
    assert Membership.objects.get(organisation=team, user=member).role == "member"
    assert invitation.accepted_by == member


def test_admin_invitation_makes_a_team_admin(member_client, member, invitation, team):
    invitation.role = "admin"
    invitation.save()

    member_client.post(_url(invitation))

    assert Membership.objects.get(organisation=team, user=member).role == "admin"


def test_visitor_sees_login_and_signup_links_that_come_back(client, invitation):
    response = client.get(_url(invitation))

    assert response.status_code == 200
    assert response.context["login_url"] == (
        reverse("account_login") + "?next=" + _url(invitation).replace("/", "%2F")
    )
    assert response.context["signup_url"] == (
        reverse("account_signup") + "?next=" + _url(invitation).replace("/", "%2F")
    )


def test_visitor_posting_is_sent_to_login(client, invitation):
    response = client.post(_url(invitation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Membership.objects.count() == 1  # the team admin only


def test_someone_else_cannot_use_the_invitation(client, outsider, invitation, team):
    client.force_login(outsider)

    response = client.post(_url(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.accepted_at is None
    assert Membership.objects.filter(user=outsider).count() == 0


def test_unverified_address_does_not_count(client, invitation):
    person = UserFactory(email="member@example.org", verified=False)
    client.force_login(person)

    response = client.post(_url(invitation))

    assert response.status_code == 403
    assert Membership.objects.filter(user=person).count() == 0


def test_forged_token_is_a_clear_error(member_client):
    response = member_client.post(reverse("accounts:invitation", args=["forged-token"]))

    assert response.status_code == 404
    assert response.context["error"] == (
        "This invitation link is not valid. Check that you copied the whole "
        "link from the e-mail."
    )
    assert Membership.objects.count() == 0


def test_expired_invitation_is_refused(member_client, member, invitation):
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    response = member_client.post(_url(invitation))

    assert response.status_code == 410
    assert str(response.context["error"]) == (
        "This invitation has expired. Ask the team to send you a new one."
    )
    assert Membership.objects.filter(user=member).count() == 0


def test_used_invitation_is_refused(member_client, member, invitation, outsider):
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = outsider
    invitation.save()

    response = member_client.post(_url(invitation))

    assert response.status_code == 410
    assert Membership.objects.filter(user=member).count() == 0


def test_dashboard_lists_pending_invitations(member_client, invitation):
    response = member_client.get(reverse("accounts:dashboard"))

    assert response.status_code == 200
    assert response.context["invitations"] == [invitation]
