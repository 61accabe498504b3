from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import MembershipFactory, OrganisationFactory


def make_image(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **save: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


@pytest.fixture
def jpeg_with_exif() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # a GPS latitude
    return SimpleUploadedFile(
        "me.jpg", make_image("JPEG", exif=exif.tobytes()), content_type="image/jpeg"
    )


@pytest.fixture
def team(db):
    return OrganisationFactory(name="Oulu 2026 team", slug="oulu-2026-team")


@pytest.fixture
def team_admin(db, team):
    return MembershipFactory(
        organisation=team,
        role="admin",
        user__email="teamadmin@example.org",
        user__display_name="Tea Admin",
    ).user


@pytest.fixture
def team_admin_client(client, team_admin):
    client.force_login(team_admin)
    return client
