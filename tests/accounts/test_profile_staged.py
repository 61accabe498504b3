"""The profile form keeps a chosen photo when another field is invalid."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.staging import already_uploaded, staged_tokens, still_staged

from .conftest import make_image
from .test_profile import _profile_data

pytestmark = pytest.mark.django_db


def test_the_photo_is_kept_when_the_bio_is_too_long(member_client, member):
    url = reverse("accounts:profile_edit")
    photo = SimpleUploadedFile("me.png", make_image("PNG"))

    first = member_client.post(url, _profile_data(bio="x" * 2001, photo=photo))

    assert list(first.context["form"].errors) == ["bio"]
    assert already_uploaded(first)[0].startswith("Already uploaded: me.png, ")
    tokens = staged_tokens(first, "photo")
    member.refresh_from_db()
    assert not member.photo

    second = member_client.post(url, _profile_data(**{"photo-staged": tokens[0]}))

    assert second.status_code == 302
    member.refresh_from_db()
    assert member.photo.name.startswith("profiles/")
    assert still_staged(tokens) == [False]
