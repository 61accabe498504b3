"""Published versions of a course with their ZIP snapshots (issue 14)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.courses import services, versions
from ecoc_hub.courses.models import Course, CourseVersion, Lesson
from ecoc_hub.courses.transfer import export_course

from .conftest import lessons_of, make_course


def _names(version: CourseVersion) -> list[str]:
    with version.snapshot.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read())).namelist()


def test_publishing_the_first_time_makes_version_1(course, trainer):
    [version] = course.versions.all()

    assert version.number == 1
    assert default_storage.exists(version.snapshot.name)
    assert "course.yaml" in _names(version)
    assert version.snapshot_size == version.snapshot.size
    # Back to draft and published again: still one version.
    transition(course, "unpublish", actor=trainer)
    transition(course, "publish", actor=trainer)
    assert course.versions.count() == 1


def test_a_trainer_publishes_a_new_version_with_a_note(client, trainer, course):
    lesson = lessons_of(course)[0]
    services.update_lesson(lesson=lesson, changes={"title": "A better lesson"})
    client.force_login(trainer)
    url = reverse("courses:versions", args=[course.slug])

    response = client.post(url, {"note": "Clearer first lesson."})

    assert response.status_code == 302
    version = course.versions.get(number=2)
    assert (version.note, version.published_by) == ("Clearer first lesson.", trainer)
    listing = client.get(url).content.decode()
    assert "Clearer first lesson." in listing
    assert "Version 2" in listing and "Version 1" in listing
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Version 2, updated on" in page
    download = client.get(reverse("courses:version_snapshot", args=[course.slug, 2]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "A better lesson" in archive.read("course.yaml").decode()


def test_a_note_is_required(client, trainer, course):
    client.force_login(trainer)

    response = client.post(reverse("courses:versions", args=[course.slug]), {})

    assert response.status_code == 400
    assert course.versions.count() == 1


def test_a_draft_has_no_versions(client, trainer):
    draft = make_course(trainers=[trainer], state="draft")
    client.force_login(trainer)

    page = client.get(reverse("courses:versions", args=[draft.slug]))

    assert page.context["form"] is None
    with pytest.raises(TransitionError):
        versions.publish_version(course=draft, actor=trainer, note="x")
    assert not CourseVersion.objects.filter(course=draft).exists()


def test_an_enrolment_records_the_version_enrolled_in_and_completed(member, course):
    enrolment = services.enrol(course=course, learner=member)
    assert enrolment.version.number == 1
    versions.publish_version(course=course, actor=None, note="More")

    for lesson in lessons_of(course):
        services.record_view(enrolment=enrolment, lesson=lesson)

    enrolment.refresh_from_db()
    assert enrolment.state == "completed"
    assert (enrolment.version.number, enrolment.completed_version.number) == (1, 2)


def test_a_failed_version_leaves_no_file(course, monkeypatch):
    before = set(_snapshot_files(course))

    def refuse(self, *args, **kwargs):
        raise ValidationError("no")

    monkeypatch.setattr(CourseVersion, "full_clean", refuse)
    with pytest.raises(ValidationError):
        versions.publish_version(course=course, actor=None, note="x")

    assert course.versions.count() == 1
    assert set(_snapshot_files(course)) == before


def test_a_rolled_back_outer_block_leaves_no_file(course):
    before = set(_snapshot_files(course))

    with pytest.raises(RuntimeError), versions.atomic_with_snapshots():
        versions.publish_version(course=course, actor=None, note="x")
        raise RuntimeError

    assert course.versions.count() == 1
    assert set(_snapshot_files(course)) == before


def test_the_snapshots_go_with_the_course(course, django_capture_on_commit_callbacks):
    versions.publish_version(course=course, actor=None, note="x")
    names = [v.snapshot.name for v in course.versions.all()]
    assert all(default_storage.exists(n) for n in names)

    with django_capture_on_commit_callbacks(execute=True):
        Course.objects.filter(pk=course.pk).delete()

    assert not any(default_storage.exists(n) for n in names)


def test_the_snapshot_is_the_export_of_that_moment(course):
    version = course.versions.get()
    Lesson.objects.filter(module__course=course).update(title="Changed later")

    with version.snapshot.open("rb") as handle:
        snapshot = zipfile.ZipFile(io.BytesIO(handle.read()))
    now = zipfile.ZipFile(io.BytesIO(export_course(course)))
    assert "Changed later" not in snapshot.read("course.yaml").decode()
    assert "Changed later" in now.read("course.yaml").decode()


def test_stored_snapshots_are_listed_for_backup_and_fixity(course):
    [stored] = list(versions.stored_snapshots())

    assert stored.name == course.versions.get().snapshot.name
    assert stored.sha256 == course.versions.get().snapshot_sha256


def _snapshot_files(course: Course) -> list[str]:
    folder = f"{versions.FOLDER}/{course.uuid}"
    if not default_storage.exists(folder):
        return []
    return default_storage.listdir(folder)[1]
