"""A course as one ZIP archive (issue 14): ``course.yaml`` (the structure,
with assignments' settings and rubrics but never learners' submissions),
one Markdown file per lesson text, the cover image, and the video or audio
files with their WebVTT captions. ``export_course`` writes it; the import is
in ``transfer_import.py``.

The archive is deterministic: the same course gives the same bytes (fixed
member order, timestamps and permissions; YAML keys in a fixed order), so a
course exported, imported and exported again can be compared file by file.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml
from django.core.files.storage import default_storage
from django.utils.text import slugify

from .enums import LessonKind, QuestionKind
from .models import Course, Lesson, Question

FORMAT = "ecoc-hub-course"
VERSION = 1
MANIFEST = "course.yaml"
#: Every member carries this date: ZIP's earliest, so the bytes never vary.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
MEDIA_EXTENSIONS = {
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
    "video/webm": "webm",
}


def _part(position: int, title: str, fallback: str) -> str:
    return f"{position:02d}-{slugify(title)[:40].strip('-') or fallback}"


def _question(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": str(question.kind), "text": question.prompt}
    if question.feedback:
        data["feedback"] = question.feedback
    choices = list(question.choices.all())
    if question.kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        data["choices"] = [{"text": c.text, "correct": c.is_correct} for c in choices]
    elif question.kind == QuestionKind.MATCHING:
        data["pairs"] = [{"item": c.text, "match": c.match} for c in choices]
    elif question.kind == QuestionKind.TRUE_FALSE:
        data["answer"] = bool(question.answer_is_true)
    elif question.kind == QuestionKind.SHORT:
        data["accepted_answers"] = question.accepted
    return data


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return bytes(handle.read())


def _lesson(lesson: Lesson, folder: str, files: dict[str, bytes]) -> dict[str, Any]:
    base = f"{folder}/{_part(lesson.position + 1, lesson.title, 'lesson')}"
    data: dict[str, Any] = {
        "kind": str(lesson.kind),
        "title": lesson.title,
        "minutes": lesson.minutes,
        "required": lesson.is_required,
        "completion": str(lesson.completion),
    }
    if lesson.body:
        data["body"] = f"{base}.md"
        files[data["body"]] = lesson.body.encode("utf-8")
    if lesson.kind == LessonKind.QUIZ:
        data["pass_mark"] = lesson.pass_mark
        data["attempts_allowed"] = lesson.attempts_allowed
        data["shuffle"] = lesson.shuffle
        data["questions"] = [_question(q) for q in lesson.questions.all()]
    elif lesson.kind == LessonKind.MEDIA and lesson.media:
        extension = MEDIA_EXTENSIONS.get(lesson.media_mime, "bin")
        data["media"] = f"{base}.{extension}"
        files[data["media"]] = _read(lesson.media.name or "")
        data["captions"] = f"{base}.vtt"
        files[data["captions"]] = lesson.captions_vtt.encode("utf-8")
    elif lesson.kind == LessonKind.ASSIGNMENT:
        data["answer_type"] = str(lesson.answer_type)
        data["review_mode"] = str(lesson.review_mode)
        data["pass_mark"] = lesson.pass_mark
        data["rubric"] = [
            {
                "criterion": c.title,
                "description": c.description,
                "levels": [
                    {"points": level.points, "description": level.description}
                    for level in c.levels.all()
                ],
            }
            for c in lesson.criteria.all()
        ]
    elif lesson.kind == LessonKind.RESOURCE and lesson.resource is not None:
        resource: dict[str, Any] = {"uuid": str(lesson.resource.uuid)}
        if lesson.resource.doi:
            resource["doi"] = lesson.resource.doi
        resource["title"] = lesson.resource.title
        data["resource"] = resource
        data["page"] = lesson.resource_page
    return data


def course_manifest(course: Course) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The YAML structure of the course and the files it names."""
    files: dict[str, bytes] = {}
    meta: dict[str, Any] = {
        "title": course.title,
        "summary": course.summary,
        "description": course.description,
        "capacity_areas": sorted(course.capacity_areas.values_list("code", flat=True)),
        "languages": list(course.languages),
        "level": str(course.level),
        "estimated_hours": course.estimated_hours,
        "licence": str(course.licence),
        "mode": str(course.mode),
        "enrolment_policy": str(course.enrolment_policy),
    }
    if course.starts_on and course.ends_on:
        meta["starts_on"] = course.starts_on.isoformat()
        meta["ends_on"] = course.ends_on.isoformat()
    if course.cover:
        stored = course.cover.name or ""
        extension = stored.rsplit(".", 1)[-1].lower()
        meta["cover"] = f"cover.{extension}"
        meta["cover_alt"] = course.cover_alt
        files[meta["cover"]] = _read(stored)
    modules = []
    for number, module in enumerate(
        course.modules.prefetch_related(
            "lessons__questions__choices",
            "lessons__resource",
            "lessons__criteria__levels",
        ),
        start=1,
    ):
        folder = f"modules/{_part(number, module.title, 'module')}"
        lessons = []
        for position, lesson in enumerate(module.lessons.all()):
            lesson.position = position  # numbered in order, whatever the gaps
            lessons.append(_lesson(lesson, folder, files))
        modules.append(
            {"title": module.title, "summary": module.summary, "lessons": lessons}
            | _module_dates(module)
        )
    meta |= _links(course)
    manifest = {"format": FORMAT, "version": VERSION, "course": meta}
    manifest["modules"] = modules
    return manifest, files


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    return yaml.safe_dump(
        manifest, allow_unicode=True, sort_keys=False, width=88
    ).encode("utf-8")


def _member(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, so the permissions above are read as such
    archive.writestr(info, content, compresslevel=6)


def export_course(course: Course) -> bytes:
    """The course as a ZIP: ``course.yaml`` first, then the files in the
    order the outline names them."""
    manifest, files = course_manifest(course)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _member(archive, MANIFEST, dump_manifest(manifest))
        for name, content in files.items():
            _member(archive, name, content)
    return buffer.getvalue()


def archive_name(course: Course) -> str:
    return f"{course.slug}.zip"


# --- Cohorts and links (issue 14) ----------------------------------------------


def _module_dates(module: Any) -> dict[str, Any]:
    """A cohort module's release and due days, when set."""
    dates: dict[str, Any] = {}
    if module.opens_after_days is not None:
        dates["opens_after_days"] = module.opens_after_days
    if module.opens_on is not None:
        dates["opens_on"] = module.opens_on.isoformat()
    if module.due_after_days is not None:
        dates["due_after_days"] = module.due_after_days
    return dates


def _links(course: Course) -> dict[str, Any]:
    """The prerequisites' slugs (linked again on import where they exist) and
    the trainers' names, as informational authors: never their e-mails."""
    links: dict[str, Any] = {}
    slugs = sorted(course.prerequisites.values_list("slug", flat=True))
    if slugs:
        links["prerequisites"] = slugs
    names = sorted(
        course.trainers.exclude(display_name="").values_list("display_name", flat=True)
    )
    if names:
        links["authors"] = names
    return links
