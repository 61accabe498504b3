"""A course as one ZIP (issue 14): exported deterministically, imported as a
new draft with the same structure, and every bad archive refused whole,
with its reason, leaving no course, lesson or file behind."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.courses import media, services
from ecoc_hub.courses.covers import clean_cover
from ecoc_hub.courses.models import Choice, Course, Lesson, Module, Question
from ecoc_hub.courses.transfer import MANIFEST, export_course
from ecoc_hub.courses.transfer_import import import_course
from ecoc_hub.library.models import Resource
from tests.factories import UserFactory
from tests.library.conftest import make_resource

from .conftest import add_media_lesson, add_quiz, make_course


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def resource(curator):
    return make_resource(owner=UserFactory(), curator=curator, title="Audience toolkit")


@pytest.fixture
def full_course(trainer, resource):
    """A course with every kind of lesson, a cover, areas and languages."""
    course = make_course(
        trainers=[trainer],
        title="Audience development",
        description="For *every* team.",
        languages=["en", "fr"],
        level="intermediate",
        estimated_hours=6,
        mode="cohort",
        starts_on="2026-09-01",
        ends_on="2026-10-31",
        enrolment_policy="approval",
    )
    course.capacity_areas.set(CapacityArea.objects.order_by("code")[:2])
    services.set_cover(course=course, cover=clean_cover(io.BytesIO(_png()), 1), alt="A")
    add_quiz(course, pass_mark=60, attempts=3)
    second = services.add_module(course=course, title="Listening", summary="Ears.")
    add_media_lesson(course, minutes=4, is_required=False)
    services.add_lesson(
        module=second,
        title="Read the toolkit",
        kind="resource",
        resource=resource,
        resource_page=2,
        body="Chapter *two*.",
    )
    return Course.objects.get(pk=course.pk)


def _contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _stored(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _counts(settings) -> tuple:
    return (
        Course.objects.count(),
        Module.objects.count(),
        Lesson.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
        _stored(settings),
    )


def _zip(members: dict[str, bytes], **info) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            member = zipfile.ZipInfo(name, **info)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, content)
    return buffer.getvalue()


def _manifest(data: bytes) -> dict:
    return yaml.safe_load(_contents(data)[MANIFEST])


def _with(data: bytes, **changes: bytes | None) -> bytes:
    members = _contents(data)
    for name, content in changes.items():
        name = name.replace("__", "/").replace("_DOT_", ".")
        if content is None:
            members.pop(name)
        else:
            members[name] = content
    return _zip(members)


def _yaml_change(data: bytes, change) -> bytes:
    manifest = _manifest(data)
    change(manifest)
    members = _contents(data)
    members[MANIFEST] = yaml.safe_dump(manifest, sort_keys=False).encode()
    return _zip(members)


# --- The round trip ---------------------------------------------------------------


def test_export_import_export_gives_the_same_archive(full_course, trainer):
    first = export_course(full_course)
    assert export_course(full_course) == first  # deterministic

    imported = import_course(io.BytesIO(first), user=trainer)

    again = export_course(imported)
    assert _manifest(again) == _manifest(first)
    assert _contents(again) == _contents(first)
    assert again == first


def test_the_archive_holds_yaml_markdown_and_media(full_course):
    contents = _contents(export_course(full_course))
    names = list(contents)

    assert names[0] == "course.yaml"
    assert "modules/01-basics/01-lesson-1.md" in names
    assert contents["modules/01-basics/01-lesson-1.md"] == b"# Hi"
    assert "cover.png" in names
    manifest = yaml.safe_load(contents["course.yaml"])
    assert (manifest["format"], manifest["version"]) == ("ecoc-hub-course", 1)
    assert manifest["course"]["mode"] == "cohort"
    basics, listening = manifest["modules"]
    quiz = basics["lessons"][2]
    assert (quiz["kind"], quiz["pass_mark"], quiz["attempts_allowed"]) == (
        "quiz",
        60,
        3,
    )
    kinds = [q["kind"] for q in quiz["questions"]]
    assert kinds == ["single", "multiple", "true_false", "short", "matching"]
    assert quiz["questions"][3]["accepted_answers"] == ["Tallinn", "Turku"]
    audio = listening["lessons"][0]
    assert audio["media"].endswith(".mp3") and audio["captions"].endswith(".vtt")
    assert contents[audio["captions"]].startswith(b"WEBVTT")
    assert listening["lessons"][1]["resource"]["uuid"]
    with zipfile.ZipFile(io.BytesIO(export_course(full_course))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_imported_course_is_a_new_draft_with_the_same_structure(
    full_course, trainer, resource
):
    importer = UserFactory(roles=["curator"])
    full_course_slug = full_course.slug

    course = import_course(io.BytesIO(export_course(full_course)), user=importer)

    assert course.pk != full_course.pk and course.slug != full_course_slug
    assert course.state == Course.State.DRAFT
    assert list(course.trainers.all()) == [importer]
    assert course.created_by == importer
    assert set(course.capacity_areas.all()) == set(full_course.capacity_areas.all())

    def outline(c):
        return [
            (
                m.title,
                [(x.kind, x.title, x.minutes, x.is_required) for x in m.lessons.all()],
            )
            for m in c.modules.all()
        ]

    assert outline(course) == outline(full_course)
    quiz = course.modules.first().lessons.get(kind="quiz")
    assert quiz.questions.count() == 5
    assert quiz.questions.get(kind="single").choices.get(is_correct=True).text == "Data"
    audio = course.modules.last().lessons.get(kind="media")
    original = full_course.modules.last().lessons.get(kind="media")
    assert audio.media.name == original.media.name  # the same bytes, stored once
    assert audio.captions_cues == original.captions_cues
    assert course.modules.last().lessons.get(kind="resource").resource == resource
    assert course.cover.name != full_course.cover.name and course.cover_alt == "A"
    # The original is untouched.
    assert Course.objects.get(pk=full_course.pk).state == Course.State.PUBLISHED


# --- Bad archives: refused whole --------------------------------------------------


def _refused(settings, data: bytes, words: str, user) -> None:
    before = _counts(settings)
    with pytest.raises(ValidationError) as error:
        import_course(io.BytesIO(data), user=user)
    assert words in " ".join(error.value.messages)
    assert _counts(settings) == before


def test_not_a_zip(settings, trainer):
    _refused(settings, b"PK not really", "could not be read as a ZIP", trainer)


def test_a_zip_bomb_is_refused(settings, full_course, trainer):
    data = _with(export_course(full_course), bomb_DOT_md=bytes(50 * 1024 * 1024))
    _refused(settings, data, "ZIP bomb", trainer)


def test_a_member_larger_than_the_limit_is_refused(settings, full_course, trainer):
    settings.ECOC_HUB_MAX_UPLOAD_MB = 1
    data = _with(export_course(full_course), big_DOT_bin=bytes(9 * 1024 * 1024))
    _refused(settings, data, "unpacks to more than", trainer)


def test_too_many_members(settings, trainer, monkeypatch):
    from ecoc_hub.courses import transfer_archive

    monkeypatch.setattr(transfer_archive, "MAX_MEMBERS", 3)
    data = _zip({f"f{n}.md": b"x" for n in range(4)})
    _refused(settings, data, "at most 3 are accepted", trainer)


@pytest.mark.parametrize("name", ["../evil.md", "/etc/evil.md", "a/../../b.md"])
def test_path_traversal_is_refused(settings, full_course, trainer, name):
    members = _contents(export_course(full_course))
    members[name] = b"x"
    _refused(settings, _zip(members), "not a safe file name", trainer)


def test_a_symlink_is_refused(settings, full_course, trainer):
    members = _contents(export_course(full_course))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        link = zipfile.ZipInfo("modules/link.md")
        link.create_system = 3
        link.external_attr = (0o120777) << 16
        archive.writestr(link, "/etc/passwd")
    _refused(settings, buffer.getvalue(), "not a safe file name", trainer)


def test_malformed_yaml(settings, full_course, trainer):
    data = _with(export_course(full_course), course_DOT_yaml=b"format: [unclosed\n")
    _refused(settings, data, "not valid YAML", trainer)


def test_no_manifest(settings, full_course, trainer):
    _refused(
        settings,
        _with(export_course(full_course), course_DOT_yaml=None),
        "no course.yaml",
        trainer,
    )


def test_an_unknown_version(settings, full_course, trainer):
    data = _yaml_change(export_course(full_course), lambda m: m.update(version=99))
    _refused(settings, data, "format version 99", trainer)


def test_a_missing_file(settings, full_course, trainer):
    members = _contents(export_course(full_course))
    del members["modules/01-basics/02-lesson-2.md"]
    data = _zip(members)
    _refused(
        settings,
        data,
        "Module 1, lesson 2: the file “modules/01-basics/02-lesson-2.md” is not",
        trainer,
    )


def test_an_unknown_enum_value(settings, full_course, trainer):
    def change(manifest):
        manifest["modules"][0]["lessons"][0]["kind"] = "podcast"

    data = _yaml_change(export_course(full_course), change)
    _refused(settings, data, "“podcast” is not a known kind", trainer)


def test_an_unknown_capacity_area(settings, full_course, trainer):
    def change(manifest):
        manifest["course"]["capacity_areas"] = ["no-such-area"]

    _refused(
        settings,
        _yaml_change(export_course(full_course), change),
        "“no-such-area” does not exist",
        trainer,
    )


def test_bad_media_is_refused(settings, full_course, trainer):
    data = export_course(full_course)
    audio = _manifest(data)["modules"][1]["lessons"][0]["media"]
    members = _contents(data)
    members[audio] = b"this is not audio at all" * 100
    _refused(settings, _zip(members), "not MP3 or M4A audio", trainer)


def test_bad_captions_are_refused(settings, full_course, trainer):
    data = export_course(full_course)
    captions = _manifest(data)["modules"][1]["lessons"][0]["captions"]
    members = _contents(data)
    members[captions] = b"not webvtt"
    _refused(settings, _zip(members), "must start with the line WEBVTT", trainer)


def test_a_bad_cover_is_refused(settings, full_course, trainer):
    data = _with(export_course(full_course), cover_DOT_png=b"GIF89a not a png")
    _refused(settings, data, "Upload a JPEG, PNG or WebP image", trainer)


def test_a_resource_that_does_not_exist_here(settings, full_course, trainer, resource):
    data = export_course(full_course)
    Resource.objects.filter(pk=resource.pk).update(
        uuid="00000000-0000-4000-8000-000000000000"
    )
    _refused(settings, data, "the library here has no resource", trainer)


def test_a_resource_that_cannot_be_embedded(settings, full_course, trainer, resource):
    data = export_course(full_course)
    Resource.objects.filter(pk=resource.pk).update(access=Resource.Access.RESTRICTED)
    _refused(settings, data, "restricted to named city teams", trainer)


def test_a_failed_write_leaves_no_file_behind(settings, trainer, monkeypatch):
    """A failure after the media and the cover were stored removes them."""
    course = make_course(trainers=[trainer])
    services.set_cover(course=course, cover=clean_cover(io.BytesIO(_png()), 1), alt="A")
    add_media_lesson(course, seconds=33.0)
    add_quiz(course)
    data = export_course(course)
    # A fresh installation: the media file is not there yet.
    for lesson in Lesson.objects.exclude(media=""):
        media.default_storage.delete(lesson.media.name)
    Course.objects.all().delete()
    for name in _stored(settings):
        media.default_storage.delete(name)
    before = _counts(settings)

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "save_question", fail)
    with pytest.raises(RuntimeError):
        import_course(io.BytesIO(data), user=trainer)
    assert _counts(settings) == before == (0, 0, 0, 0, 0, [])


# --- Pages and permissions ----------------------------------------------------------


def test_a_trainer_exports_a_learner_cannot(client, full_course, trainer):
    url = reverse("courses:export", args=[full_course.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{full_course.slug}.zip"'
    )
    assert response.content == export_course(full_course)


def test_the_import_page_creates_a_draft(client, full_course, trainer):
    data = export_course(full_course)
    client.force_login(trainer)
    assert client.get(reverse("courses:import")).status_code == 200

    response = client.post(
        reverse("courses:import"),
        {"archive": SimpleUploadedFile("course.zip", data, "application/zip")},
    )

    course = Course.objects.exclude(pk=full_course.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:author", args=[course.slug])
    assert course.state == Course.State.DRAFT


def test_the_import_page_names_the_problem(client, settings, trainer, full_course):
    data = _yaml_change(export_course(full_course), lambda m: m.update(version=2))
    client.force_login(trainer)
    before = _counts(settings)

    response = client.post(
        reverse("courses:import"),
        {"archive": SimpleUploadedFile("course.zip", data, "application/zip")},
    )

    assert response.status_code == 400
    assert "format version 2" in " ".join(response.context["form"].errors["archive"])
    assert _counts(settings) == before


def test_a_learner_or_outsider_cannot_import(client, full_course):
    url = reverse("courses:import")
    assert client.get(url).status_code == 302  # sign in first
    learner = UserFactory()
    services.enrol(course=full_course, learner=learner)
    client.force_login(learner)
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "archive": SimpleUploadedFile(
                "c.zip", export_course(full_course), "application/zip"
            )
        },
    )
    assert response.status_code == 403
    assert Course.objects.count() == 1


# --- The management command ---------------------------------------------------------


def test_the_command_imports(tmp_path, full_course, trainer):
    path = tmp_path / "course.zip"
    path.write_bytes(export_course(full_course))
    out = io.StringIO()

    call_command("import_course", str(path), trainer=trainer.email, stdout=out)

    assert "as a draft" in out.getvalue()
    assert Course.objects.filter(state="draft", trainers=trainer).count() == 1


def test_the_command_reports_a_bad_archive(tmp_path, settings, trainer):
    path = tmp_path / "course.zip"
    path.write_bytes(_zip({"course.yaml": b"format: other\n"}))
    before = _counts(settings)

    with pytest.raises(CommandError, match="not a course export"):
        call_command("import_course", str(path), trainer=trainer.email)
    with pytest.raises(CommandError, match="No account"):
        call_command("import_course", str(path), trainer="nobody@example.org")
    assert _counts(settings) == before


def test_the_example_in_the_docs_imports(settings, trainer, resource):
    """A course written by hand, as docs/courses.md shows it, is imported."""
    import re

    from tests.courses.conftest import CAPTIONS

    docs = (Path(__file__).parents[2] / "docs" / "courses.md").read_text()
    example = re.search(r"```yaml\n(format: ecoc-hub-course.*?)```", docs, re.S)
    assert example is not None
    text = re.sub(r"uuid: [^,]+", f"uuid: {resource.uuid}", example.group(1))
    manifest = yaml.safe_load(text)
    lessons = [x for m in manifest["modules"] for x in m["lessons"]]
    audio = next(x for x in lessons if x["kind"] == "media")
    members = {
        MANIFEST: text.encode(),
        "cover.png": _png(),
        lessons[0]["body"]: b"## Who is not coming yet\n\nLook at the data.",
        audio["media"]: media.silent_mp3(20),
        audio["captions"]: CAPTIONS.encode(),
    }

    course = import_course(io.BytesIO(_zip(members)), user=trainer)

    assert course.title == "Audience development" and course.state == "draft"
    assert course.modules.count() == 2
    assert [q.kind for q in Question.objects.filter(lesson__module__course=course)] == [
        "single",
        "true_false",
        "short",
        "matching",
    ]


# --- Assignments (issue 14): settings and rubric, never the submissions ----------


def test_an_assignment_and_its_rubric_round_trip_without_submissions(
    full_course, trainer
):
    from ecoc_hub.courses import assignments

    from .conftest import RUBRIC, add_assignment, learners

    lesson = add_assignment(
        full_course, review_mode="peers", pass_mark=75, answer_type="file"
    )
    (enrolment,) = learners(full_course, 1)
    assignments.submit_assignment(
        enrolment=enrolment, lesson=lesson, text="Private answer", staged=None
    )
    first = export_course(full_course)

    imported = import_course(io.BytesIO(first), user=trainer)

    copy = Lesson.objects.get(module__course=imported, kind="assignment")
    assert (copy.review_mode, copy.pass_mark, copy.answer_type) == ("peers", 75, "file")
    assert assignments.rubric_rows(copy) == RUBRIC
    assert export_course(imported) == first
    assert b"Private answer" not in b"".join(_contents(first).values())


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda rubric: rubric.clear(), "needs its rubric"),
        (lambda rubric: rubric[1]["levels"].pop(), "two levels or more"),
        (lambda rubric: rubric[0]["levels"][0].update(points=500), "from 0 to 100"),
    ],
)
def test_a_broken_rubric_is_refused_whole(
    settings, full_course, trainer, change, words
):
    from .conftest import add_assignment

    add_assignment(full_course)

    def broken(manifest):
        lessons = [item for m in manifest["modules"] for item in m["lessons"]]
        (found,) = [item for item in lessons if item["kind"] == "assignment"]
        change(found["rubric"])

    data = _yaml_change(export_course(full_course), broken)

    _refused(settings, data, words, trainer)
