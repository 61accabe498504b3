from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from ecoc_hub.accounts.models import Consent, Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_with_mfa(client, admin_user):
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "model", ["user", "organisation", "membership", "invitation", "consent"]
)
def test_admin_lists_and_searches_accounts_models(
    admin_client_with_mfa, team, team_admin, model
):
    Invitation.objects.create(organisation=team, email="x@example.org")
    Consent.objects.create(user=team_admin, topic="events", granted=True)
    url = reverse(f"admin:accounts_{model}_changelist")

    listing = admin_client_with_mfa.get(url)
    search = admin_client_with_mfa.get(url, {"q": "example"})

    assert (listing.status_code, search.status_code) == (200, 200)


def test_admin_opens_a_user(admin_client_with_mfa, member):
    response = admin_client_with_mfa.get(
        reverse("admin:accounts_user_change", args=[member.pk])
    )

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["member", "curator"])
def test_non_staff_cannot_use_the_admin(client, request, who):
    user = request.getfixturevalue(who)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    response = client.get(reverse("admin:accounts_user_changelist"), follow=True)

    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/accounts/user/", 302)
    ]
    assert response.status_code == 403
