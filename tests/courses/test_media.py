"""Video and audio lessons (issue 14): uploads checked by content, storage
without orphans, serving with ranges to those who may open the lesson, the
90 % rule, captions, search, privacy."""

from __future__ import annotations

import io
import json
import struct
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.courses import media, services
from ecoc_hub.courses.models import Enrolment, Lesson, LessonProgress
from ecoc_hub.courses.privacy import erase_course_data, export_course_data
from tests.factories import UserFactory

from .conftest import CAPTIONS, add_media_lesson, make_course

# --- Fixtures built byte by byte: no encoder is needed. ---


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_video(seconds: int = 30) -> bytes:
    """An MP4 with a video track whose movie box comes after the media data."""
    mvhd = _box(b"mvhd", bytes(4) + struct.pack(">IIII", 0, 0, 1000, seconds * 1000))
    hdlr = _box(b"hdlr", bytes(8) + b"vide" + bytes(12) + b"Video\0")
    moov = _box(b"moov", mvhd + bytes(0) + _box(b"trak", _box(b"mdia", hdlr)))
    ftyp = _box(b"ftyp", b"isom" + bytes([0, 0, 2, 0]) + b"isomiso2mp41")
    return ftyp + _box(b"mdat", bytes(256)) + moov


def _element(element_id: bytes, payload: bytes) -> bytes:
    return element_id + bytes([0x80 | len(payload)]) + payload


def webm_video(seconds: float = 42.0, doctype: bytes = b"webm") -> bytes:
    header = _element(b"\x1a\x45\xdf\xa3", _element(b"\x42\x82", doctype))
    info = _element(
        b"\x15\x49\xa9\x66",
        _element(b"\x2a\xd7\xb1", (1_000_000).to_bytes(3, "big"))
        + _element(b"\x44\x89", struct.pack(">d", seconds * 1000)),
    )
    return header + _element(b"\x18\x53\x80\x67", info)


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored_media(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "courses" / "media"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- Content checks ---


def test_mp3_is_read_for_type_and_duration():
    checked = media.check_media(io.BytesIO(media.silent_mp3(12)))
    assert (checked.mime, checked.extension) == ("audio/mpeg", "mp3")
    assert checked.duration == pytest.approx(12, abs=0.05)


def test_mp4_video_is_recognised_with_its_movie_box_at_the_end():
    checked = media.check_media(io.BytesIO(mp4_video(30)))
    assert (checked.mime, checked.extension, checked.duration) == (
        "video/mp4",
        "mp4",
        30.0,
    )


def test_webm_video_is_read_from_its_ebml_header():
    checked = media.check_media(io.BytesIO(webm_video(42.5)))
    assert (checked.mime, checked.duration) == ("video/webm", 42.5)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"<html>not a video</html>" * 10, "not_media"),
        (b"%PDF-1.4 a pdf named .mp3", "not_media"),
        (webm_video(doctype=b"matroska"), "not_media"),
        (webm_video(seconds=0), "no_duration"),
        (mp4_video(0), "no_duration"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, code):
    with pytest.raises(ValidationError) as caught:
        media.check_media(io.BytesIO(data))
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.ECOC_HUB_MAX_UPLOAD_MB = 0
    with pytest.raises(ValidationError) as caught:
        media.check_media(io.BytesIO(media.silent_mp3(1)))
    assert caught.value.code == "too_large"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("00:00:00.000 --> 00:00:01.000\nHello\n", "header"),
        ("WEBVTT\n\nnot a cue line\n", "empty"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards\n", "order"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "empty"),
    ],
)
def test_bad_captions_are_refused(text, code):
    with pytest.raises(ValidationError) as caught:
        media.parse_captions(text)
    assert caught.value.code in {code, "malformed"}


def test_captions_keep_speaker_and_text():
    cues = media.parse_captions(CAPTIONS)
    assert cues[0] == {
        "start": 0.0,
        "end": 5.0,
        "speaker": "Ana",
        "text": "Welcome to audience development.",
    }
    assert len(cues) == 3


# --- Authoring: upload, errors, no orphans ---


def _form(course, **files):
    module = course.modules.last()
    return reverse("courses:lesson_new", args=[course.slug, module.pk]), {
        "kind": "media",
        "title": "The city listens",
        "body": "Listen first.",
        "minutes": "5",
        "is_required": "on",
        **files,
    }


def test_a_trainer_adds_an_audio_lesson(client, course, trainer, settings):
    client.force_login(trainer)
    url, data = _form(
        course,
        media_file=upload(media.silent_mp3(20), "talk.mp3"),
        captions_file=upload(CAPTIONS.encode(), "talk.vtt"),
    )
    response = client.post(url, data)
    assert response.status_code == 302
    lesson = Lesson.objects.get(title="The city listens")
    assert lesson.kind == "media" and lesson.completion == "watched"
    assert lesson.media_mime == "audio/mpeg"
    assert lesson.media_duration == pytest.approx(20, abs=0.05)
    assert len(lesson.captions_cues) == 3
    assert stored_media(settings) == [Path(settings.MEDIA_ROOT) / lesson.media.name]


@pytest.mark.parametrize(
    ("media_bytes", "captions", "field"),
    [
        (b"GIF89a not audio", CAPTIONS.encode(), "media_file"),
        (media.silent_mp3(5), b"not webvtt", "captions_file"),
        (media.silent_mp3(5), "WEBVTT\n\n".encode("utf-16"), "captions_file"),
        (None, CAPTIONS.encode(), "media_file"),
        (media.silent_mp3(5), None, "captions_file"),
    ],
)
def test_a_bad_upload_says_why_and_saves_nothing(
    client, course, trainer, settings, media_bytes, captions, field
):
    client.force_login(trainer)
    files = {}
    if media_bytes is not None:
        files["media_file"] = upload(media_bytes, "talk.mp3")
    if captions is not None:
        files["captions_file"] = upload(captions, "talk.vtt")
    url, data = _form(course, **files)
    before = Lesson.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Lesson.objects.count() == before
    assert stored_media(settings) == []


def test_a_failed_save_removes_the_file_it_stored(course, settings):
    checked = media.check_media(io.BytesIO(media.silent_mp3(3)))
    with pytest.raises(ValidationError):
        services.save_media_lesson(
            module=course.modules.last(),
            lesson=None,
            changes={"title": "x" * 500},  # too long: full_clean refuses it
            checked=checked,
            captions=(CAPTIONS, media.parse_captions(CAPTIONS)),
        )
    assert stored_media(settings) == []


def test_replacing_and_deleting_release_files_no_lesson_uses(
    course, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = add_media_lesson(course, seconds=10)
        twin = add_media_lesson(course, seconds=10, title="Same file")
    assert first.media.name == twin.media.name
    old = Path(settings.MEDIA_ROOT) / first.media.name

    with django_capture_on_commit_callbacks(execute=True):
        services.save_media_lesson(
            module=first.module,
            lesson=first,
            changes={},
            checked=media.check_media(io.BytesIO(media.silent_mp3(11))),
            captions=None,
        )
    assert old.exists()  # the twin still uses it

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_lesson(lesson=twin)
    assert not old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_module(module=first.module)
    assert stored_media(settings) == []


# --- Serving: ranges, HEAD, permissions ---


@pytest.fixture
def audio_lesson(course):
    # 24 s: a whole number of the silent MP3's 24 ms frames.
    return add_media_lesson(course, seconds=24)


@pytest.fixture
def learner(course):
    person = UserFactory()
    services.enrol(course=course, learner=person)
    return person


def test_the_file_is_served_with_ranges_and_head(client, audio_lesson, learner):
    client.force_login(learner)
    url = audio_lesson.media_url()

    whole = client.get(url)
    part = client.get(url, HTTP_RANGE="bytes=0-99")
    head = client.head(url)

    assert whole.status_code == 200
    assert whole["Content-Type"] == "audio/mpeg"
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{audio_lesson.media_size}"
    assert b"".join(part.streaming_content) == media.silent_mp3(24)[:100]
    assert head.status_code == 200
    assert head["Content-Length"] == str(audio_lesson.media_size)
    assert "private" in whole["Cache-Control"]


def test_the_file_and_captions_are_refused_to_who_may_not_open_the_lesson(
    client, audio_lesson
):
    client.force_login(UserFactory())  # not enrolled
    assert client.get(audio_lesson.media_url()).status_code == 403
    assert client.get(audio_lesson.captions_url()).status_code == 403
    client.logout()
    assert client.get(audio_lesson.media_url()).status_code == 302


def test_captions_are_served_as_webvtt(client, audio_lesson, learner):
    client.force_login(learner)
    response = client.get(audio_lesson.captions_url())
    assert response["Content-Type"].startswith("text/vtt")
    assert response.content.decode() == CAPTIONS


def test_the_lesson_page_has_player_track_and_transcript(client, audio_lesson, learner):
    client.force_login(learner)
    response = client.get(audio_lesson.get_absolute_url() + "?t=6")
    html = response.content.decode()
    assert 'kind="captions"' in html
    assert 'data-start="6.0"' in html
    assert html.count('class="cue"') == 3
    assert "Who is not coming yet, and why?" in html
    assert "cannot be recorded and this lesson stays incomplete" in html  # noscript


# --- The 90 % rule ---


def test_intervals_merge_into_their_union():
    assert media.merge([[10, 20], [0, 5], [4, 8], [19.8, 25]]) == [[0, 8], [10, 25]]
    assert media.covered([[0, 10], [5, 15]]) == 15


def _report(client, lesson, intervals):
    return client.post(
        reverse("courses:lesson_played", args=[lesson.module.course.slug, lesson.pk]),
        json.dumps({"played": intervals}),
        content_type="application/json",
    )


def _opened_minutes_ago(client, lesson, learner, minutes=5):
    client.get(lesson.get_absolute_url())
    LessonProgress.objects.filter(lesson=lesson).update(
        last_viewed_at=LessonProgress.objects.get(lesson=lesson).last_viewed_at
        - timedelta(minutes=minutes)
    )


def test_playing_90_percent_completes_the_lesson(client, audio_lesson, learner):
    client.force_login(learner)
    _opened_minutes_ago(client, audio_lesson, learner)

    first = _report(client, audio_lesson, [[0, 12]]).json()
    LessonProgress.objects.filter(lesson=audio_lesson).update(
        played_reported_at=LessonProgress.objects.get(
            lesson=audio_lesson
        ).played_reported_at
        - timedelta(minutes=1)
    )
    second = _report(client, audio_lesson, [[11, 21.6]]).json()

    assert first == {"played_seconds": 12.0, "percent": 50, "complete": False}
    assert second["complete"] is True
    progress = LessonProgress.objects.get(lesson=audio_lesson)
    assert progress.played == [[0, 21.6]]
    assert progress.completed_at is not None
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.last_lesson_id == audio_lesson.pk


def test_opening_the_lesson_does_not_complete_it(client, audio_lesson, learner):
    client.force_login(learner)
    client.get(audio_lesson.get_absolute_url())
    assert LessonProgress.objects.get(lesson=audio_lesson).completed_at is None


def test_seeking_to_the_end_does_not_count_as_watching(client, audio_lesson, learner):
    client.force_login(learner)
    _opened_minutes_ago(client, audio_lesson, learner)

    data = _report(client, audio_lesson, [[0, 1], [22, 24]]).json()

    assert data["complete"] is False and data["percent"] == 12


@pytest.mark.parametrize(
    "body",
    [
        {"played": [[0, 500]]},  # past the end
        {"played": [[5, 3]]},  # backwards
        {"played": [[-2, 3]]},
        {"played": [[0, 1]] * 101},  # too many
        {"played": [["0", "1"]]},
        {"played": [[0, 1, 2]]},
        {"played": [[True, 2]]},
        {"played": []},
        {"nothing": 1},
        "not an object",
    ],
)
def test_forged_or_oversized_reports_are_refused(client, audio_lesson, learner, body):
    client.force_login(learner)
    _opened_minutes_ago(client, audio_lesson, learner)

    response = client.post(
        reverse(
            "courses:lesson_played",
            args=[audio_lesson.module.course.slug, audio_lesson.pk],
        ),
        json.dumps(body),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert LessonProgress.objects.get(lesson=audio_lesson).played == []


def test_more_than_could_have_been_played_since_opening_is_refused(
    client, course, learner
):
    long = add_media_lesson(course, seconds=600)
    client.force_login(learner)
    client.get(long.get_absolute_url())  # opened just now

    response = _report(client, long, [[0, 590]])

    assert response.status_code == 400
    assert LessonProgress.objects.get(lesson=long).completed_at is None


def test_a_trainers_preview_is_not_recorded(client, audio_lesson, trainer):
    client.force_login(trainer)
    assert _report(client, audio_lesson, [[0, 5]]).status_code == 403
    assert not LessonProgress.objects.filter(lesson=audio_lesson).exists()


def test_the_course_completes_when_its_audio_lesson_is_played(
    client, course, learner, audio_lesson
):
    client.force_login(learner)
    for lesson in Lesson.objects.filter(module__course=course).exclude(
        pk=audio_lesson.pk
    ):
        client.get(lesson.get_absolute_url())
    _opened_minutes_ago(client, audio_lesson, learner)

    _report(client, audio_lesson, [[0, 24]])

    assert Enrolment.objects.get(learner=learner).state == "completed"


# --- Search, privacy ---


def test_the_transcript_is_searchable_and_a_hit_opens_the_moment(
    client, audio_lesson, learner
):
    from ecoc_hub.search.models import SearchPassage

    passage = SearchPassage.objects.get(text__icontains="Listening comes before")
    # The speaker's turn that holds the words starts at 0:05.
    assert passage.target_url == audio_lesson.get_absolute_url() + "?t=5#player"
    assert passage.text.startswith("Who is not coming yet")

    client.force_login(learner)
    found = client.get(reverse("search:list"), {"q": "listening programming"})
    assert audio_lesson.get_absolute_url() + "?t=5#player" in found.content.decode()


def test_played_parts_are_exported_and_erased(client, audio_lesson, learner):
    client.force_login(learner)
    _opened_minutes_ago(client, audio_lesson, learner)
    _report(client, audio_lesson, [[0, 4]])

    exported = export_course_data(learner)["enrolments"][0]["lessons"]
    row = next(r for r in exported if r["lesson"] == audio_lesson.title)
    assert row["parts_played_seconds"] == [[0, 4]]

    erase_course_data(learner)
    assert not LessonProgress.objects.filter(lesson=audio_lesson).exists()


def test_publishing_refuses_a_resource_lesson_without_a_resource(trainer):
    from ecoc_hub.core.workflow import TransitionError, transition

    course = make_course(trainers=[trainer], state="draft")
    services.add_lesson(module=course.modules.last(), title="Read", kind="resource")
    with pytest.raises(TransitionError) as caught:
        transition(course, "publish", actor=None)
    assert caught.value.code == "no_resource"


def test_editing_without_new_files_keeps_them(client, audio_lesson, trainer):
    client.force_login(trainer)
    url = reverse(
        "courses:lesson_edit", args=[audio_lesson.module.course.slug, audio_lesson.pk]
    )
    form = client.get(url).content.decode()
    assert "Leave empty to keep the current file (MP3 audio, 0:24)." in form
    assert 'enctype="multipart/form-data"' in form

    response = client.post(url, {"title": "Renamed", "body": "", "minutes": "4"})

    assert response.status_code == 302
    audio_lesson.refresh_from_db()
    assert (audio_lesson.title, audio_lesson.media_mime) == ("Renamed", "audio/mpeg")
    assert len(audio_lesson.captions_cues) == 3
