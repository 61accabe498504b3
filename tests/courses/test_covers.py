"""A course's cover image (issue 14): checked by content, re-encoded and
scaled, described, shown on the catalogue and the course page, and never
left behind as an orphan file."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ecoc_hub.core import storedfiles
from ecoc_hub.courses.models import Course

from .conftest import make_course


def _image(fmt: str = "JPEG", size=(2400, 1200), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _upload(content: bytes, name: str = "cover.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def _media_files() -> list[str]:
    """The files stored, but the versions' snapshots (test_versions.py)."""
    root = settings.MEDIA_ROOT
    return (
        sorted(
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and "courses/versions" not in p.as_posix()
        )
        if root.exists()
        else []
    )


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def _post(client, course, **data):
    return client.post(reverse("courses:cover_edit", args=[course.slug]), data)


def test_an_uploaded_cover_is_re_encoded_scaled_and_described(trainer_client, course):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    response = _post(
        trainer_client,
        course,
        cover=_upload(_image(exif=exif.tobytes())),
        cover_alt="  The harbour of Tartu at dawn ",
    )

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.cover_alt == "The harbour of Tartu at dawn"
    with Image.open(course.cover.path) as saved:
        assert saved.size == (1600, 800)
        assert saved.getexif() == {}
    assert _media_files() == [course.cover.name]


def test_the_cover_is_on_the_catalogue_and_the_course_page(
    client, trainer_client, course
):
    _post(trainer_client, course, cover=_upload(_image()), cover_alt="A harbour")
    course.refresh_from_db()

    catalogue = client.get(reverse("courses:list")).content.decode()
    page = client.get(course.get_absolute_url()).content.decode()
    image = client.get(reverse("courses:cover", args=[course.slug]))

    assert 'alt="A harbour"' in catalogue
    assert 'alt="A harbour"' in page
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"


def test_a_drafts_cover_is_hidden_like_the_draft(client, trainer):
    draft = make_course(trainers=[trainer], state="draft")
    client.force_login(trainer)
    _post(client, draft, cover=_upload(_image()), cover_alt="A harbour")
    client.logout()

    response = client.get(reverse("courses:cover", args=[draft.slug]))

    assert response.status_code == 404


def test_replacing_and_removing_the_cover_leave_no_orphan_file(
    trainer_client, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(trainer_client, course, cover=_upload(_image()), cover_alt="One")
    with django_capture_on_commit_callbacks(execute=True):
        _post(
            trainer_client,
            course,
            cover=_upload(_image("PNG", size=(800, 450)), "two.png"),
            cover_alt="Two",
        )
    course.refresh_from_db()
    assert course.cover.name.endswith(".png")
    assert _media_files() == [course.cover.name]

    with django_capture_on_commit_callbacks(execute=True):
        _post(trainer_client, course, remove="on", cover_alt="Two")

    course.refresh_from_db()
    assert (course.cover.name, course.cover_alt) == ("", "")
    assert _media_files() == []


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"%PDF-1.4 not an image", "Upload a JPEG, PNG or WebP image."),
        (_image("GIF", size=(20, 20)), "Upload a JPEG, PNG or WebP image."),
    ],
    ids=["pdf", "gif"],
)
def test_a_file_that_is_not_an_allowed_image_is_refused(
    trainer_client, course, content, error
):
    response = _post(trainer_client, course, cover=_upload(content), cover_alt="X")

    assert response.status_code == 200
    assert response.context["form"].errors["cover"] == [error]
    assert Course.objects.get(pk=course.pk).cover.name == ""
    assert _media_files() == []


def test_a_cover_needs_a_description(trainer_client, course):
    response = _post(trainer_client, course, cover=_upload(_image()), cover_alt=" ")

    assert response.context["form"].errors["cover_alt"] == [
        "Describe the image for people who cannot see it."
    ]
    assert _media_files() == []


def test_covers_are_in_the_stored_files_inventory(trainer_client, course):
    _post(trainer_client, course, cover=_upload(_image()), cover_alt="A harbour")
    course.refresh_from_db()

    names = [f.name for f in storedfiles.registered()["course-covers"]()]

    assert names == [course.cover.name]


def test_a_learner_may_not_change_the_cover(client, member, course):
    client.force_login(member)

    response = _post(client, course, cover=_upload(_image()), cover_alt="Mine")

    assert response.status_code == 403
    assert _media_files() == []
