from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_curator_without_totp_is_sent_to_set_it_up(client, curator):
    client.force_login(curator)

    response = client.get(reverse("accounts:dashboard"), follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    assert [str(m) for m in response.context["messages"]] == [
        "Your role gives you access to other people's data, so your account must "
        "be protected with two-factor authentication. Set up an authenticator app "
        "to continue."
    ]


def test_admin_without_totp_cannot_reach_the_admin_site(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_curator_with_totp_passes(curator_client):
    response = curator_client.get(reverse("accounts:dashboard"))

    assert response.status_code == 200


def test_curator_without_totp_may_still_log_out(client, curator):
    client.force_login(curator)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_member_is_not_asked_for_mfa(member_client):
    assert member_client.get(reverse("accounts:dashboard")).status_code == 200


def test_admin_login_page_goes_through_allauth(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
