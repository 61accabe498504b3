from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.urls import reverse

from ecoc_hub.accounts.models import User

pytestmark = pytest.mark.django_db


def test_createadmin_without_input_uses_the_environment(monkeypatch):
    monkeypatch.setenv("ECOC_HUB_ADMIN_PASSWORD", "a-long-admin-passphrase")

    call_command("createadmin", "--email", "ops@example.org", "--no-input")

    admin = User.objects.get(email="ops@example.org")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert list(admin.groups.values_list("name", flat=True)) == ["admin"]
    assert admin.check_password("a-long-admin-passphrase") is True
    address = EmailAddress.objects.get(user=admin)
    assert (address.email, address.verified, address.primary) == (
        "ops@example.org",
        True,
        True,
    )


def test_new_admin_is_asked_to_set_up_mfa_at_first_login(client):
    call_command(
        "createadmin", "--email", "ops@example.org", "--password", "a-long-admin-pass"
    )

    client.post(
        reverse("account_login"),
        {"login": "ops@example.org", "password": "a-long-admin-pass"},
    )
    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_createadmin_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command(
            "createadmin",
            "--email",
            "ops@example.org",
            "--password",
            "123",
            "--no-input",
        )

    assert User.objects.count() == 0


def test_createadmin_refuses_an_existing_address(member):
    with pytest.raises(CommandError):
        call_command(
            "createadmin",
            "--email",
            "MEMBER@example.org",
            "--password",
            "a-long-admin-pass",
            "--no-input",
        )

    assert User.objects.filter(is_superuser=True).count() == 0


def test_createadmin_without_input_needs_a_password(monkeypatch):
    monkeypatch.delenv("ECOC_HUB_ADMIN_PASSWORD", raising=False)

    with pytest.raises(CommandError):
        call_command("createadmin", "--email", "ops@example.org", "--no-input")

    assert User.objects.count() == 0
