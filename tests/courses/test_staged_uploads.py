"""The course forms with files keep a file that passed its checks when
another field is invalid (core.uploads): media lessons, the cover image and
an assignment's hand-in."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.courses import media
from ecoc_hub.courses.models import Lesson, Submission
from tests.staging import already_uploaded, staged_tokens, still_staged

from .conftest import CAPTIONS, learners
from .test_assignments import assignment_course
from .test_covers import _image, _upload


def _lesson_data(course, **extra):
    module = course.modules.last()
    url = reverse("courses:lesson_new", args=[course.slug, module.pk])
    data = {
        "kind": "media",
        "title": "The city listens",
        "body": "Listen first.",
        "minutes": "5",
        "is_required": "on",
        **extra,
    }
    return url, data


def test_a_media_lesson_keeps_its_files_when_the_title_is_missing(
    client, course, trainer
):
    client.force_login(trainer)
    audio = media.silent_mp3(20)
    url, data = _lesson_data(
        course,
        title="",
        media_file=SimpleUploadedFile("talk.mp3", audio),
        captions_file=SimpleUploadedFile("talk.vtt", CAPTIONS.encode()),
    )

    first = client.post(url, data)

    assert first.status_code == 200
    assert first.context["form"].errors == {"title": ["This field is required."]}
    lines = already_uploaded(first)
    assert len(lines) == 2
    assert lines[0].startswith("Already uploaded: talk.mp3, ")
    assert lines[1].startswith("Already uploaded: talk.vtt, ")
    tokens = staged_tokens(first, "media_file") + staged_tokens(first, "captions_file")

    url, data = _lesson_data(
        course,
        **{"media_file-staged": tokens[0], "captions_file-staged": tokens[1]},
    )
    second = client.post(url, data)

    assert second.status_code == 302
    lesson = Lesson.objects.get(title="The city listens")
    assert lesson.media_mime == "audio/mpeg"
    assert (
        hashlib.sha256(lesson.media.read()).digest() == hashlib.sha256(audio).digest()
    )
    assert len(lesson.captions_cues) == 3
    assert still_staged(tokens) == [False, False]


def test_a_media_file_that_fails_its_check_is_not_kept(client, course, trainer):
    client.force_login(trainer)
    url, data = _lesson_data(
        course,
        title="",
        media_file=SimpleUploadedFile("talk.mp3", b"GIF89a not audio"),
        captions_file=SimpleUploadedFile("talk.vtt", CAPTIONS.encode()),
    )

    response = client.post(url, data)

    assert response.context["form"].errors["media_file"]
    assert staged_tokens(response, "media_file") == []
    assert len(staged_tokens(response, "captions_file")) == 1


def test_the_cover_is_kept_when_its_description_is_missing(client, course, trainer):
    client.force_login(trainer)
    url = reverse("courses:cover_edit", args=[course.slug])

    first = client.post(url, {"cover": _upload(_image()), "cover_alt": " "})

    assert first.context["form"].errors == {
        "cover_alt": ["Describe the image for people who cannot see it."]
    }
    assert already_uploaded(first)[0].startswith("Already uploaded: cover.jpg, ")
    tokens = staged_tokens(first, "cover")

    second = client.post(
        url, {"cover-staged": tokens[0], "cover_alt": "The harbour at dawn"}
    )

    assert second.status_code == 302
    course.refresh_from_db()
    assert course.cover and course.cover_alt == "The harbour at dawn"
    assert still_staged(tokens) == [False]


@pytest.fixture
def setup(trainer):
    course, lesson = assignment_course(trainer)
    return course, lesson, learners(course, 1)[0]


def test_a_hand_in_keeps_its_file_when_the_text_is_too_long(client, setup):
    course, lesson, enrolment = setup
    client.force_login(enrolment.learner)
    url = reverse("courses:submit", args=[course.slug, lesson.pk])

    first = client.post(
        url,
        {
            "text": "x" * 20001,
            "file": SimpleUploadedFile("notes.txt", b"Notes from the youth centre."),
        },
    )

    assert first.status_code == 400
    assert already_uploaded(first) == [
        "Already uploaded: notes.txt, 28 bytes. "
        "Choose another file below only to replace it."
    ]
    tokens = staged_tokens(first, "file")
    assert Submission.objects.count() == 0

    second = client.post(url, {"text": "A short answer.", "file-staged": tokens[0]})

    assert second.status_code == 302
    submission = Submission.objects.get()
    assert (submission.text, submission.file_name) == ("A short answer.", "notes.txt")
    assert still_staged(tokens) == [False]
