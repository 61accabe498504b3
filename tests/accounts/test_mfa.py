from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

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


# What a browser fetches by itself (issue 9): a redirect of the favicon request
# used to reload the activation page behind the person's back.

NAVIGATION = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "document"}
IMAGE = {
    "HTTP_SEC_FETCH_MODE": "no-cors",
    "HTTP_SEC_FETCH_DEST": "image",
    "HTTP_ACCEPT": "image/avif,image/webp,image/apng,image/*,*/*;q=0.8",
}


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/favicon.ico", "image/x-icon"),
        ("/apple-touch-icon.png", "image/png"),
        ("/icon.svg", "image/svg+xml"),
    ],
)
def test_site_icons_are_served_to_a_curator_without_totp(
    client, curator, path, content_type
):
    client.force_login(curator)

    response = client.get(path, **IMAGE)

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert b"".join(response.streaming_content)[:4] in (
        b"\x00\x00\x01\x00",  # ICO
        b"\x89PNG",
        b"<svg",
    )


def test_favicon_is_a_real_icon_with_the_usual_sizes():
    from PIL import Image

    from ecoc_hub import settings as hub_settings

    with Image.open(hub_settings.WHITENOISE_ROOT / "favicon.ico") as icon:
        assert icon.format == "ICO"
        assert sorted(icon.ico.sizes()) == [(16, 16), (32, 32), (48, 48)]
    with Image.open(hub_settings.WHITENOISE_ROOT / "apple-touch-icon.png") as touch:
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")


def test_every_page_links_the_site_icons(client):
    html = client.get(reverse("home")).content.decode()

    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in html
    assert '<link rel="icon" href="/icon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html


def test_a_page_loaded_in_a_tab_is_redirected_to_the_activation_page(client, curator):
    client.force_login(curator)

    response = client.get(reverse("accounts:dashboard"), **NAVIGATION)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(IMAGE, id="an image"),
        pytest.param(
            {"HTTP_SEC_FETCH_MODE": "cors", "HTTP_SEC_FETCH_DEST": "empty"},
            id="a fetch",
        ),
        pytest.param(
            {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "iframe"},
            id="a frame",
        ),
        pytest.param({"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}, id="an old XHR"),
        pytest.param({"HTTP_ACCEPT": "application/json"}, id="JSON"),
    ],
)
def test_a_request_that_is_not_a_page_load_is_refused_not_redirected(
    client, curator, headers
):
    client.force_login(curator)

    response = client.get(reverse("accounts:dashboard"), **headers)

    assert response.status_code == 403
    assert response.content.decode() == (
        "Set up two-factor authentication to continue."
    )
    assert "HX-Redirect" not in response


def test_htmx_is_told_to_load_the_activation_page(client, curator):
    client.force_login(curator)

    response = client.get(
        reverse("accounts:dashboard"),
        HTTP_HX_REQUEST="true",
        HTTP_SEC_FETCH_MODE="cors",
        HTTP_SEC_FETCH_DEST="empty",
    )

    assert response.status_code == 403
    assert response["HX-Redirect"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "path",
    [
        "/robots.txt",
        "/oai?verb=Identify",
        "/library/feeds/new.rss",
        "/library/feeds/new.atom",
        "/jsi18n/",
    ],
)
def test_feeds_and_machine_readable_answers_are_never_redirected(client, curator, path):
    client.force_login(curator)

    response = client.get(path, **NAVIGATION)

    assert response.status_code == 200


def test_the_api_is_never_redirected(client, curator):
    client.force_login(curator)

    response = client.get("/api/v1/openapi.json", **NAVIGATION)

    assert response.status_code in (200, 404)
    assert response.get("Location") is None


def test_a_missing_static_file_is_a_404_not_a_redirect(client, curator):
    client.force_login(curator)

    response = client.get("/static/core/css/missing.css", **IMAGE)

    assert response.status_code == 404


def _log_in(client, user) -> None:
    """Log in and confirm the password, as allauth asks before a new factor."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response


def _pending_secret(client) -> str:
    response = client.get(reverse("mfa_activate_totp"), **NAVIGATION)
    assert response.status_code == 200
    return response.context["form"].secret


def test_the_activation_page_keeps_its_secret_until_it_is_confirmed(client, curator):
    _log_in(client, curator)

    first = _pending_secret(client)
    client.get("/favicon.ico", **IMAGE)
    client.get(reverse("accounts:dashboard"), **NAVIGATION)  # redirected back
    second = _pending_secret(client)

    assert second == first
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert page.count(first) == 2  # the QR code's text and the secret to type


def test_a_code_from_the_first_secret_shown_activates_totp(client, curator):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    _log_in(client, curator)
    secret = _pending_secret(client)
    _pending_secret(client)  # a reload, a second tab or a stray redirect
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    totp = Authenticator.objects.get(user=curator, type=Authenticator.Type.TOTP)
    assert totp.wrap().instance.data["secret"] != ""
    # The pending secret is gone once confirmed: the next one is new.
    assert "mfa.totp.secret" not in client.session
