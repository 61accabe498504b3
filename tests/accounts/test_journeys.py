"""Sign-up to language switch through allauth, with the client instead of a browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.tasks import default_task_backend
from django.urls import reverse

from ecoc_hub.accounts.models import User

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/accounts/confirm-email/[^/\s]+/)")


def _sign_up(client, email="new@example.org", **extra):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Nina Newcomer",
            "password1": "a-fine-long-password",
            "password2": "a-fine-long-password",
        },
        **extra,
    )


def test_sign_up_confirm_and_land_on_the_dashboard(client):
    response = _sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert mail.outbox[0].subject == "[ECoC Hub] Please Confirm Your Email Address"
    confirm_path = LINK.search(mail.outbox[0].body).group(1)
    assert mail.outbox[0].body.startswith("Hello from ECoC Hub!")
    html, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="http://testserver{confirm_path}"' in html

    page = client.get(confirm_path)
    confirmed = client.post(confirm_path)

    assert page.status_code == 200
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_sign_up_asks_for_a_display_name_and_greets_by_it(client):
    form = client.get(reverse("account_signup")).content.decode()
    _sign_up(client)
    confirm_path = LINK.search(mail.outbox[0].body).group(1)

    response = client.post(confirm_path, follow=True)

    assert 'name="display_name"' in form
    assert User.objects.get(email="new@example.org").display_name == "Nina Newcomer"
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Welcome, Nina Newcomer."
    )
    assert "Signed in as Nina Newcomer." in response.content.decode()


def test_sign_up_without_a_name_is_refused(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "anon@example.org",
            "display_name": "   ",
            "password1": "a-fine-long-password",
            "password2": "a-fine-long-password",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [
        "This field is required."
    ]
    assert not User.objects.filter(email="anon@example.org").exists()
    assert mail.outbox == []


def test_unconfirmed_account_cannot_log_in(client):
    _sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "new@example.org", "password": "a-fine-long-password"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_confirmation_mail_is_in_the_page_language(client):
    client.cookies["ecoc_hub_language"] = "de"

    _sign_up(client)

    assert mail.outbox[0].subject == "[ECoC Hub] Bitte bestätige deine E-Mail-Adresse"


def test_allauth_mail_goes_through_the_task_queue(client, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()

    _sign_up(client)

    assert mail.outbox == []
    results = default_task_backend.results
    assert [r.task.name for r in results] == ["send_email_task"]
    assert results[0].kwargs["to"] == ["new@example.org"]


def test_password_reset_mail_is_sent(client, member):
    response = client.post(
        reverse("account_reset_password"), {"email": "member@example.org"}
    )

    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == ["[ECoC Hub] Password Reset Email"]


def test_password_reset_mail_is_in_the_accounts_language(client, member):
    member.preferred_language = "de"
    member.save()

    client.post(reverse("account_reset_password"), {"email": "member@example.org"})

    assert [m.subject for m in mail.outbox] == [
        "[ECoC Hub] E-Mail zum Zurücksetzen des Passworts"
    ]


def test_switching_language_saves_it_on_the_account(member_client, member):
    response = member_client.post(
        reverse("accounts:set_language"), {"language": "fr", "next": "/me/"}
    )

    member.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert member.preferred_language == "fr"
    assert response.cookies["ecoc_hub_language"].value == "fr"


def test_unknown_language_is_not_saved(member_client, member):
    member_client.post(
        reverse("accounts:set_language"), {"language": "xx", "next": "/"}
    )

    member.refresh_from_db()
    assert member.preferred_language == ""


def test_saved_language_follows_the_person_to_a_new_device(client, member):
    member.preferred_language = "de"
    member.save()
    client.force_login(member)

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "de"


def test_visitor_switches_language_without_an_account(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "de", "next": "/"}
    )

    assert response.status_code == 302
    assert response.cookies["ecoc_hub_language"].value == "de"
    assert User.objects.count() == 0


def test_sign_up_from_an_invitation_comes_back_to_it(client, team):
    from ecoc_hub.accounts.models import Invitation

    invitation = Invitation.objects.create(organisation=team, email="new@example.org")
    invitation_url = reverse("accounts:invitation", args=[invitation.token])

    client.post(
        reverse("account_signup") + "?next=" + invitation_url,
        {
            "email": "new@example.org",
            "display_name": "Nina Newcomer",
            "password1": "a-fine-long-password",
            "password2": "a-fine-long-password",
            "next": invitation_url,
        },
    )
    confirm_path = LINK.search(mail.outbox[0].body).group(1)
    confirmed = client.post(confirm_path)
    accepted = client.post(invitation_url)

    assert confirmed["Location"] == invitation_url
    assert accepted["Location"] == team.get_absolute_url()
    assert team.memberships.filter(user__email="new@example.org").count() == 1


def test_repeated_failed_logins_are_rate_limited(client, member):
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": "member@example.org", "password": "bad"}
        )

    response = client.post(
        reverse("account_login"),
        {"login": "member@example.org", "password": "correct-horse-battery-staple"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert "_auth_user_id" not in client.session
