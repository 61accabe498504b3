from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.accounts import privacy
from ecoc_hub.accounts.models import Consent, Invitation, Membership, User
from tests.factories import MembershipFactory

from .conftest import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_member(client, member, team, team_admin, password):
    """A member with a team, an invitation each way, consents, TOTP and a session."""
    MembershipFactory(organisation=team, user=member, role="admin")
    Invitation.objects.create(organisation=team, email="member@example.org")
    Invitation.objects.create(
        organisation=team, email="friend@example.org", invited_by=member
    )
    Consent.objects.create(user=member, topic="newsletter", granted=True)
    Consent.objects.create(user=member, topic="newsletter", granted=False)
    TOTP.activate(member, generate_totp_secret())
    return member


def test_export_is_a_json_attachment_with_everything(client, rich_member, password):
    client.force_login(rich_member)
    UserSession.objects.create(
        user=rich_member, ip="127.0.0.1", session_key="k1", user_agent="Firefox"
    )

    response = client.get(reverse("accounts:privacy_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="ecoc-hub-my-data-'
    )
    data = json.loads(response.content)
    account = data["account"]
    assert account["profile"]["email"] == "member@example.org"
    assert account["profile"]["display_name"] == "Mia Member"
    assert account["email_addresses"] == [
        {"email": "member@example.org", "verified": True, "primary": True}
    ]
    assert [(m["team"], m["role"]) for m in account["memberships"]] == [
        ("Oulu 2026 team", "admin")
    ]
    assert [i["email"] for i in account["invitations_received"]] == [
        "member@example.org"
    ]
    assert [i["email"] for i in account["invitations_sent"]] == ["friend@example.org"]
    assert [(c["topic"], c["granted"]) for c in account["consents"]] == [
        ("newsletter", True),
        ("newsletter", False),
    ]
    assert [a["type"] for a in account["mfa_authenticators"]] == ["totp"]
    assert set(account["mfa_authenticators"][0]) == {
        "type",
        "created_at",
        "last_used_at",
    }
    assert [(s["ip"], s["user_agent"]) for s in account["sessions"]] == [
        ("127.0.0.1", "Firefox")
    ]
    secret = Authenticator.objects.get(user=rich_member).data["secret"]
    assert secret not in response.content.decode()


def test_export_includes_registered_sections(member_client, monkeypatch):
    monkeypatch.setattr(privacy, "_exporters", dict(privacy._exporters))
    privacy.register_exporter("example", lambda user: {"resources": [user.pk]})

    data = json.loads(member_client.get(reverse("accounts:privacy_export")).content)

    assert sorted(data) == sorted(
        {"account", "exported_at", "format", *privacy._exporters}
    )
    assert {"example", "library", "podcasts", "events"} <= set(data)
    assert data["example"] == {
        "resources": [int(member_client.session["_auth_user_id"])]
    }


def test_visitor_cannot_export(client):
    response = client.get(reverse("accounts:privacy_export"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_delete_account_removes_personal_data(
    client, rich_member, password, team, django_capture_on_commit_callbacks
):
    client.force_login(rich_member)
    client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Mia",
            "visibility": "public",
            "bio": "Bio",
            "photo": SimpleUploadedFile("me.png", make_image("PNG")),
        },
    )
    rich_member.refresh_from_db()
    session_key = client.session.session_key
    UserSession.objects.create(
        user=rich_member, ip="127.0.0.1", session_key=session_key, user_agent="Test"
    )
    photo_name, storage = rich_member.photo.name, rich_member.photo.storage
    erased = []

    def record(user, *, contributions):
        erased.append((user, contributions))

    privacy.register_eraser(record)

    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:delete_account"),
                {"password": password, "confirm": "on", "contributions": "anonymise"},
            )
    finally:
        privacy._erasers.remove(record)

    user = User.objects.get(pk=rich_member.pk)
    assert response.status_code == 302
    assert erased == [(user, "anonymise")]
    assert user.email.endswith("@deleted.invalid")
    assert (user.display_name, user.bio, user.organisation_name, user.languages) == (
        "",
        "",
        "",
        [],
    )
    assert user.photo.name in ("", None)
    assert storage.exists(photo_name) is False
    assert user.has_usable_password() is False
    assert (user.is_active, user.is_former_member) == (False, True)
    assert user.public_name == "Former member"
    assert Membership.objects.filter(user=user).count() == 0
    assert Invitation.objects.filter(email__iexact="member@example.org").count() == 0
    assert Invitation.objects.get(email="friend@example.org").invited_by is None
    assert Consent.objects.filter(user=user).count() == 0
    assert EmailAddress.objects.filter(user=user).count() == 0
    assert Authenticator.objects.filter(user=user).count() == 0
    assert UserSession.objects.filter(user=user).count() == 0
    assert Session.objects.filter(session_key=session_key).count() == 0
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_deleted_account_cannot_log_in(client, member, password):
    client.force_login(member)
    client.post(
        reverse("accounts:delete_account"),
        {"password": password, "confirm": "on", "contributions": "keep"},
    )

    response = client.post(
        reverse("account_login"), {"login": "member@example.org", "password": password}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_delete_with_a_wrong_password_changes_nothing(member_client, member):
    response = member_client.post(
        reverse("accounts:delete_account"),
        {"password": "wrong", "confirm": "on", "contributions": "keep"},
    )

    member.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [
        "The password is not correct."
    ]
    assert (member.is_active, member.email) == (True, "member@example.org")


def test_delete_without_confirmation_changes_nothing(member_client, member, password):
    response = member_client.post(
        reverse("accounts:delete_account"),
        {"password": password, "contributions": "keep"},
    )

    member.refresh_from_db()
    assert response.status_code == 200
    assert member.is_active is True


def test_consent_changes_append_dated_rows(member_client, member):
    url = reverse("accounts:privacy")

    member_client.post(url, {"newsletter": "on", "events": "on"})
    member_client.post(url, {"newsletter": "on"})
    member_client.post(url, {"newsletter": "on"})

    rows = list(
        Consent.objects.filter(user=member)
        .order_by("pk")
        .values_list("topic", "granted")
    )
    assert rows == [("newsletter", True), ("events", True), ("events", False)]
    response = member_client.get(url)
    assert response.context["form"].initial == {}
    assert {name: f.initial for name, f in response.context["form"].fields.items()} == {
        "newsletter": True,
        "events": False,
        "digest": False,
    }


def test_visitor_cannot_open_privacy_pages(client):
    for name in ("accounts:privacy", "accounts:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_delete_page_asks_what_happens_to_contributions(member_client):
    response = member_client.get(reverse("accounts:delete_account"))

    assert [
        value
        for value, _label in response.context["form"].fields["contributions"].choices
    ] == ["keep", "anonymise", "remove"]


def test_delete_without_a_contributions_choice_changes_nothing(
    member_client, member, password
):
    response = member_client.post(
        reverse("accounts:delete_account"), {"password": password, "confirm": "on"}
    )

    member.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["contributions"] == [
        "This field is required."
    ]
    assert member.is_active is True


def test_site_policy_is_shown_and_applied(
    member_client, member, password, settings, monkeypatch
):
    from ecoc_hub.accounts import privacy

    settings.ECOC_HUB_CONTRIBUTIONS_ON_DELETION = "remove"
    seen = []

    def record(user, *, contributions):
        seen.append(contributions)

    privacy.register_eraser(record)
    try:
        page = member_client.get(reverse("accounts:delete_account"))
        member_client.post(
            reverse("accounts:delete_account"),
            # A choice posted anyway is ignored: the site decides.
            {"password": password, "confirm": "on", "contributions": "keep"},
        )
    finally:
        privacy._erasers.remove(record)

    assert "contributions" not in page.context["form"].fields
    assert "<strong>Remove them from the hub</strong>" in page.content.decode()
    assert seen == ["remove"]


def test_an_unknown_policy_stops_the_site_at_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import ecoc_hub.settings as hub_settings

    monkeypatch.setenv("ECOC_HUB_CONTRIBUTIONS_ON_DELETION", "shred")
    try:
        with pytest.raises(ImproperlyConfigured):
            importlib.reload(hub_settings)
    finally:
        monkeypatch.delenv("ECOC_HUB_CONTRIBUTIONS_ON_DELETION")
        importlib.reload(hub_settings)
