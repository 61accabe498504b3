from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ecoc_hub.accounts.models import User
from tests.factories import UserFactory

from .conftest import make_image

pytestmark = pytest.mark.django_db


def _profile_data(**overrides):
    data = {
        "display_name": "Mia M.",
        "organisation_name": "Oulu city",
        "languages": ["fi", "en"],
        "bio": "I run the volunteer programme.",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_member_saves_profile(member_client, member):
    response = member_client.post(reverse("accounts:profile_edit"), _profile_data())

    member.refresh_from_db()
    assert response.status_code == 302
    assert (member.display_name, member.organisation_name) == ("Mia M.", "Oulu city")
    assert member.languages == ["en", "fi"]
    assert member.visibility == "public"


def test_profile_rejects_language_outside_the_list(member_client, member):
    response = member_client.post(
        reverse("accounts:profile_edit"), _profile_data(languages=["xx"])
    )

    member.refresh_from_db()
    assert response.status_code == 200
    assert member.languages == []


def test_photo_is_reencoded_without_metadata(member_client, member, jpeg_with_exif):
    response = member_client.post(
        reverse("accounts:profile_edit"), _profile_data(photo=jpeg_with_exif)
    )

    member.refresh_from_db()
    assert response.status_code == 302
    with member.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (64, 48)
    assert member.photo.name.startswith("profiles/")


def test_upload_of_a_non_image_is_rejected_and_changes_nothing(member_client, member):
    fake = SimpleUploadedFile(
        "me.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"
    )

    response = member_client.post(
        reverse("accounts:profile_edit"), _profile_data(photo=fake)
    )

    member.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Upload a JPEG, PNG or WebP image."
    ]
    assert member.photo.name in ("", None)
    assert member.display_name == "Mia Member"


def test_upload_of_a_gif_is_rejected(member_client, member):
    gif = SimpleUploadedFile("me.gif", make_image("GIF"), content_type="image/gif")

    response = member_client.post(
        reverse("accounts:profile_edit"), _profile_data(photo=gif)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Upload a JPEG, PNG or WebP image."
    ]


def test_removing_the_photo_deletes_the_file(
    member_client, member, django_capture_on_commit_callbacks
):
    png = SimpleUploadedFile("me.png", make_image("PNG"), content_type="image/png")
    member_client.post(reverse("accounts:profile_edit"), _profile_data(photo=png))
    member.refresh_from_db()
    storage, name = member.photo.storage, member.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            reverse("accounts:profile_edit"), _profile_data(remove_photo="on")
        )

    member.refresh_from_db()
    assert member.photo.name in ("", None)
    assert storage.exists(name) is False


def test_profile_edit_redirects_a_visitor_to_login(client):
    response = client.get(reverse("accounts:profile_edit"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("visibility", "viewer", "expected"),
    [
        ("public", "visitor", 200),
        ("public", "outsider", 200),
        ("members", "visitor", 404),
        ("members", "outsider", 200),
        ("private", "visitor", 404),
        ("private", "outsider", 404),
        ("private", "curator", 200),
        ("private", "self", 200),
    ],
)
def test_profile_page_respects_visibility(
    client, member, outsider, curator, visibility, viewer, expected
):
    member.visibility = visibility
    member.save()
    if viewer == "outsider":
        client.force_login(outsider)
    elif viewer == "curator":
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(curator, generate_totp_secret())
        client.force_login(curator)
    elif viewer == "self":
        client.force_login(member)

    response = client.get(reverse("accounts:profile", args=[member.pk]))

    assert response.status_code == expected


def test_deleted_account_profile_is_not_found(client, outsider):
    former = UserFactory(visibility="public", is_active=False, is_former_member=True)
    client.force_login(outsider)

    response = client.get(reverse("accounts:profile", args=[former.pk]))

    assert response.status_code == 404


def test_photo_is_served_only_to_who_may_see_the_profile(client, member):
    member.visibility = User.Visibility.MEMBERS
    member.save()
    member_client_photo = SimpleUploadedFile("me.png", make_image("PNG"))
    client.force_login(member)
    client.post(
        reverse("accounts:profile_edit"),
        _profile_data(visibility="members", photo=member_client_photo),
    )
    url = reverse("accounts:profile_photo", args=[member.pk])
    own = client.get(url)
    client.logout()

    visitor = client.get(url)

    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(own.streaming_content))).format == "PNG"
    assert visitor.status_code == 404
