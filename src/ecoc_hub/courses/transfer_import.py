"""Importing a course archive (the format is in ``transfer.py``).

Everything is read and checked before anything is written: the archive
itself (members, names, sizes, compression ratio), ``course.yaml`` (format
version, every field and choice), the files it names (media and captions by
``media.py``'s checks, the cover by ``covers.py``'s) and the library
resources it embeds. Only then is a new draft course created, in one
transaction; if that fails, the media and the cover it stored are removed.
Every refusal is a ``ValidationError`` whose message names the problem.
"""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
import zlib
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from typing import IO, TYPE_CHECKING, Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.library.enums import Licence
from ecoc_hub.library.models import Resource

from . import media, services
from .covers import MAX_COVER_BYTES, CleanCover, clean_cover
from .enums import (
    COMPLETION_OF_KIND,
    EnrolmentPolicy,
    LessonKind,
    Level,
    Mode,
    QuestionKind,
)
from .models import Course, Lesson, Question
from .resources import resource_problem
from .transfer import FORMAT, MANIFEST, VERSION

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

MAX_MEMBERS = 1000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024
#: A member that unpacks to more than this many times its packed size (and
#: to more than a megabyte) is a ZIP bomb, not a course.
MAX_RATIO = 100


def _refuse(message: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message)


# --- The archive --------------------------------------------------------------


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = name.rstrip("/").split("/")
    return not any(p in {"", ".", ".."} or ":" in p for p in parts)


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(
            _("The archive has %(count)s files; at most %(max)s are accepted."),
            count=len(infos),
            max=MAX_MEMBERS,
        )
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        mode = info.external_attr >> 16
        if not _safe_name(info.filename) or stat.S_ISLNK(mode):
            raise _refuse(
                _(
                    "“%(name)s” in the archive is not a safe file name: an "
                    "absolute path, “..” or a link."
                ),
                name=info.filename,
            )
        if info.is_dir():
            continue
        if info.filename in members:
            raise _refuse(
                _("“%(name)s” appears twice in the archive."), name=info.filename
            )
        if info.flag_bits & 0x1:
            raise _refuse(
                _(
                    "“%(name)s” is encrypted; export the course again without "
                    "a password."
                ),
                name=info.filename,
            )
        if info.file_size > max(media.max_media_bytes(), MAX_COVER_BYTES):
            raise _refuse(
                _("“%(name)s” unpacks to more than %(limit)s MB."),
                name=info.filename,
                limit=media.max_media_bytes() // (1024 * 1024),
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse(
                _(
                    "“%(name)s” is compressed more than a real file could be "
                    "(a ZIP bomb): the archive is refused."
                ),
                name=info.filename,
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(
                _("The archive unpacks to more than %(limit)s MB."),
                limit=MAX_TOTAL_BYTES // (1024 * 1024),
            )
        members[info.filename] = info
    return members


class _Archive:
    """The members of an opened archive, read within their declared sizes."""

    def __init__(self, archive: zipfile.ZipFile, stack: ExitStack) -> None:
        self.archive = archive
        self.members = _members(archive)
        self.stack = stack

    def _info(self, name: Any, where: str) -> zipfile.ZipInfo:
        info = self.members.get(name) if isinstance(name, str) else None
        if info is None:
            raise _refuse(
                _("%(where)s: the file “%(name)s” is not in the archive."),
                where=where,
                name=name,
            )
        return info

    def _copy(self, info: zipfile.ZipInfo, target: IO[bytes], limit: int) -> None:
        written = 0
        try:
            with self.archive.open(info) as source:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    written += len(chunk)
                    if written > min(limit, info.file_size):
                        raise _refuse(
                            _("“%(name)s” is larger than the archive says."),
                            name=info.filename,
                        )
                    target.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise _refuse(
                _("“%(name)s” in the archive is damaged."), name=info.filename
            ) from None
        target.seek(0)

    def read(self, name: Any, where: str, limit: int = MAX_TEXT_BYTES) -> bytes:
        info = self._info(name, where)
        if info.file_size > limit:
            raise _refuse(
                _("%(where)s: “%(name)s” is larger than %(limit)s MB."),
                where=where,
                name=name,
                limit=max(1, limit // (1024 * 1024)),
            )
        buffer = io.BytesIO()
        self._copy(info, buffer, limit)
        return buffer.getvalue()

    def text(self, name: Any, where: str) -> str:
        try:
            return self.read(name, where).decode("utf-8")
        except UnicodeDecodeError:
            raise _refuse(
                _("%(where)s: “%(name)s” is not UTF-8 text."), where=where, name=name
            ) from None

    def spooled(self, name: Any, where: str) -> IO[bytes]:
        info = self._info(name, where)
        handle = self.stack.enter_context(
            tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        )
        self._copy(info, handle, media.max_media_bytes())
        return handle  # type: ignore[return-value]


# --- course.yaml ----------------------------------------------------------------


def _missing(where: str, key: str) -> ValidationError:
    return _refuse(_("%(where)s: “%(field)s” is missing."), where=where, field=key)


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise _missing(where, key)
        return ""
    if not isinstance(value, str):
        raise _refuse(_("%(where)s: “%(field)s” must be text."), where=where, field=key)
    return value


def _number(
    data: dict[str, Any], key: str, where: str, *, default: int, low: int, high: int
) -> int:
    value = data.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        raise _refuse(
            _(
                "%(where)s: “%(field)s” must be a whole number from %(low)s "
                "to %(high)s."
            ),
            where=where,
            field=key,
            low=low,
            high=high,
        )
    return value


def _flag(data: dict[str, Any], key: str, where: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise _refuse(
            _("%(where)s: “%(field)s” must be true or false."), where=where, field=key
        )
    return value


def _choice(
    data: dict[str, Any],
    key: str,
    where: str,
    choices: type[models.TextChoices],
    *,
    default: str | None = None,
) -> str:
    value = data.get(key, default)
    if value is None:
        raise _missing(where, key)
    if value not in choices.values:
        raise _refuse(
            _("%(where)s: “%(value)s” is not a known %(field)s (known: %(known)s)."),
            where=where,
            value=value,
            field=key,
            known=", ".join(choices.values),
        )
    return str(value)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(_("%(where)s must be a mapping of fields."), where=where)
    return value


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _refuse(
            _("%(where)s: “%(field)s” must be a list."), where=where, field=key
        )
    return value


def _date(data: dict[str, Any], key: str, where: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise _refuse(
            _("%(where)s: “%(field)s” must be a date such as 2026-09-01."),
            where=where,
            field=key,
        ) from None


def _model_errors(
    where: str, model: type[models.Model], error: ValidationError
) -> ValidationError:
    parts = []
    for name, messages in error.message_dict.items():
        label = (
            capfirst(str(getattr(model._meta.get_field(name), "verbose_name", name)))
            if name != NON_FIELD_ERRORS
            else ""
        )
        text = " ".join(messages)
        parts.append(f"{label}: {text}" if label else text)
    return _refuse("%(where)s: %(problem)s", where=where, problem=" ".join(parts))


# --- The plan: what will be created -----------------------------------------------


@dataclass
class LessonPlan:
    fields: dict[str, Any]
    questions: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(
        default_factory=list
    )
    checked: media.CheckedMedia | None = None
    captions: tuple[str, list[dict[str, Any]]] | None = None


@dataclass
class ModulePlan:
    title: str
    summary: str
    lessons: list[LessonPlan]


@dataclass
class CoursePlan:
    fields: dict[str, Any]
    areas: list[CapacityArea]
    cover: CleanCover | None
    modules: list[ModulePlan]


def _question(data: Any, where: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = _mapping(data, where)
    kind = _choice(data, "kind", where, QuestionKind)
    fields: dict[str, Any] = {
        "kind": kind,
        "prompt": _text(data, "text", where),
        "feedback": _text(data, "feedback", where, required=False),
    }
    choices: list[dict[str, Any]] = []
    if kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        for item in _list(data, "choices", where):
            item = _mapping(item, where)
            choices.append(
                {
                    "text": _text(item, "text", where),
                    "is_correct": _flag(item, "correct", where, default=False),
                    "match": "",
                }
            )
        right = sum(c["is_correct"] for c in choices)
        if (
            len(choices) < 2
            or right < 1
            or (kind == QuestionKind.SINGLE and right != 1)
        ):
            raise _refuse(
                _(
                    "%(where)s: a single-choice question needs two options or "
                    "more with exactly one right, a multiple-choice question "
                    "two or more with at least one right."
                ),
                where=where,
            )
    elif kind == QuestionKind.MATCHING:
        for item in _list(data, "pairs", where):
            item = _mapping(item, where)
            choices.append(
                {
                    "text": _text(item, "item", where),
                    "is_correct": False,
                    "match": _text(item, "match", where),
                }
            )
        if len(choices) < 2:
            raise _refuse(
                _("%(where)s: a matching question needs two pairs or more."),
                where=where,
            )
    elif kind == QuestionKind.TRUE_FALSE:
        if not isinstance(data.get("answer"), bool):
            raise _refuse(_("%(where)s: “answer” must be true or false."), where=where)
        fields["answer_is_true"] = data["answer"]
    else:
        answers = _list(data, "accepted_answers", where)
        if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
            raise _refuse(
                _("%(where)s: a short-answer question needs its accepted answers."),
                where=where,
            )
        fields["accepted_answers"] = "\n".join(a.strip() for a in answers)
    for choice in choices:
        if len(choice["text"]) > 300 or len(choice["match"]) > 300:
            raise _refuse(
                _("%(where)s: an option is longer than 300 characters."), where=where
            )
    try:
        Question(**fields).clean_fields(exclude=["lesson"])
    except ValidationError as error:
        raise _model_errors(where, Question, error) from None
    return fields, choices


def _resource(data: Any, where: str) -> Resource:
    data = _mapping(data, where)
    found = None
    uuid = data.get("uuid")
    if isinstance(uuid, str):
        try:
            found = Resource.objects.filter(uuid=uuid).first()
        except ValidationError:
            found = None
    doi = data.get("doi")
    if found is None and isinstance(doi, str) and doi:
        found = Resource.objects.filter(doi__iexact=doi).order_by("pk").first()
    if found is None:
        raise _refuse(
            _(
                "%(where)s: the library here has no resource %(identifier)s. "
                "Add it to the library first, or remove the lesson."
            ),
            where=where,
            identifier=" / ".join(str(v) for v in (doi, uuid, data.get("title")) if v),
        )
    problem = resource_problem(found)
    if problem:
        raise _refuse(
            _(
                "%(where)s: the library resource “%(title)s” cannot be "
                "shown: %(problem)s"
            ),
            where=where,
            title=found.title,
            problem=problem,
        )
    return found


def _lesson(data: Any, where: str, files: _Archive) -> LessonPlan:
    data = _mapping(data, where)
    kind = LessonKind(_choice(data, "kind", where, LessonKind))
    completion = data.get("completion", COMPLETION_OF_KIND[kind])
    if completion != COMPLETION_OF_KIND[kind]:
        raise _refuse(
            _(
                "%(where)s: the completion “%(value)s” does not fit this "
                "kind of lesson."
            ),
            where=where,
            value=completion,
        )
    fields: dict[str, Any] = {
        "kind": kind,
        "title": _text(data, "title", where),
        "minutes": _number(data, "minutes", where, default=10, low=1, high=600),
        "is_required": _flag(data, "required", where, default=True),
        "completion": completion,
        "body": files.text(data["body"], where) if data.get("body") else "",
    }
    plan = LessonPlan(fields=fields)
    if kind == LessonKind.QUIZ:
        fields["pass_mark"] = _number(
            data, "pass_mark", where, default=70, low=1, high=100
        )
        fields["attempts_allowed"] = _number(
            data, "attempts_allowed", where, default=0, low=0, high=100
        )
        fields["shuffle"] = _flag(data, "shuffle", where, default=True)
        plan.questions = [
            _question(q, _("%(lesson)s, question %(n)s") % {"lesson": where, "n": n})
            for n, q in enumerate(_list(data, "questions", where), start=1)
        ]
    elif kind == LessonKind.MEDIA:
        if not data.get("media"):
            raise _missing(where, "media")
        if not data.get("captions"):
            raise _missing(where, "captions")
        handle = files.spooled(data["media"], where)
        try:
            plan.checked = media.check_media(handle)
            text = media.read_captions(
                io.BytesIO(
                    files.read(data["captions"], where, media.CAPTIONS_MAX_BYTES)
                )
            )
            plan.captions = (text, media.parse_captions(text))
        except ValidationError as error:
            raise _refuse(
                "%(where)s: %(problem)s", where=where, problem=" ".join(error.messages)
            ) from None
    elif kind == LessonKind.RESOURCE:
        fields["resource"] = _resource(data.get("resource"), where)
        fields["resource_page"] = _number(
            data, "page", where, default=1, low=1, high=100000
        )
    try:
        Lesson(**fields).clean_fields(exclude=["module", "media"])
    except ValidationError as error:
        raise _model_errors(where, Lesson, error) from None
    return plan


def _course_fields(
    data: Any, files: _Archive
) -> tuple[dict[str, Any], list[CapacityArea], CleanCover | None]:
    where = _("The course")
    data = _mapping(data, where)
    fields: dict[str, Any] = {
        "title": _text(data, "title", where),
        "summary": _text(data, "summary", where),
        "description": _text(data, "description", where, required=False),
        "languages": _list(data, "languages", where),
        "level": _choice(data, "level", where, Level, default=Level.INTRODUCTORY),
        "estimated_hours": _number(
            data, "estimated_hours", where, default=1, low=1, high=500
        ),
        "licence": _choice(data, "licence", where, Licence, default=Licence.CC_BY),
        "mode": _choice(data, "mode", where, Mode, default=Mode.SELF_PACED),
        "enrolment_policy": _choice(
            data,
            "enrolment_policy",
            where,
            EnrolmentPolicy,
            default=EnrolmentPolicy.OPEN,
        ),
        "starts_on": _date(data, "starts_on", where),
        "ends_on": _date(data, "ends_on", where),
    }
    codes = _list(data, "capacity_areas", where)
    areas = list(CapacityArea.objects.filter(code__in=[str(c) for c in codes]))
    unknown = sorted({str(c) for c in codes} - {a.code for a in areas})
    if unknown:
        raise _refuse(
            _("The course: the capacity area “%(code)s” does not exist here."),
            code=unknown[0],
        )
    try:
        Course(slug="imported", **fields).full_clean(exclude=["slug"])
    except ValidationError as error:
        raise _model_errors(where, Course, error) from None
    cover = None
    if data.get("cover"):
        content = files.read(data["cover"], where, MAX_COVER_BYTES)
        try:
            cover = clean_cover(io.BytesIO(content), len(content))
        except ValidationError as error:
            raise _refuse(
                "%(where)s: %(problem)s",
                where=where,
                problem=" ".join(str(m) for m in error.messages),
            ) from None
        fields["cover_alt"] = _text(data, "cover_alt", where)
    return fields, areas, cover


def read_plan(files: _Archive) -> CoursePlan:
    if MANIFEST not in files.members:
        raise _refuse(_("The archive has no course.yaml: it is not a course export."))
    try:
        manifest = yaml.safe_load(files.text(MANIFEST, MANIFEST))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise _refuse(
            _("course.yaml is not valid YAML (line %(line)s)."),
            line=mark.line + 1 if mark else 1,
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(_("course.yaml is not a course export of this platform."))
    if manifest.get("version") != VERSION:
        raise _refuse(
            _(
                "course.yaml is in format version %(version)s; this platform "
                "reads version %(supported)s."
            ),
            version=manifest.get("version"),
            supported=VERSION,
        )
    fields, areas, cover = _course_fields(manifest.get("course"), files)
    modules = []
    for number, raw in enumerate(_list(manifest, "modules", "course.yaml"), start=1):
        where = _("Module %(n)s") % {"n": number}
        raw = _mapping(raw, where)
        title = _text(raw, "title", where)
        summary = _text(raw, "summary", where, required=False)
        if len(title) > 200 or len(summary) > 1000:
            raise _refuse(
                _("%(where)s: the title or the summary is too long."), where=where
            )
        lessons = [
            _lesson(
                item,
                _("Module %(module)s, lesson %(lesson)s")
                % {"module": number, "lesson": n},
                files,
            )
            for n, item in enumerate(_list(raw, "lessons", where), start=1)
        ]
        modules.append(ModulePlan(title=title, summary=summary, lessons=lessons))
    return CoursePlan(fields=fields, areas=areas, cover=cover, modules=modules)


# --- Writing ------------------------------------------------------------------------


def _create(plan: CoursePlan, user: User | None) -> Course:
    written = ""
    try:
        with media.atomic_with_media():
            course = services.create_course(
                creator=user,
                trainers=[user] if user is not None else [],
                capacity_areas=plan.areas,
                **plan.fields,
            )
            if plan.cover is not None:
                course.cover.save(
                    plan.cover.name, ContentFile(plan.cover.content), save=False
                )
                written = course.cover.name or ""
                course.save(update_fields=["cover", "updated_at"])
            for module_plan in plan.modules:
                module = services.add_module(
                    course=course, title=module_plan.title, summary=module_plan.summary
                )
                for lesson_plan in module_plan.lessons:
                    fields = dict(lesson_plan.fields)
                    if lesson_plan.checked is not None:
                        fields.pop("kind")
                        fields.pop("completion")
                        services.save_media_lesson(
                            module=module,
                            lesson=None,
                            changes=fields,
                            checked=lesson_plan.checked,
                            captions=lesson_plan.captions,
                        )
                        continue
                    lesson = services.add_lesson(module=module, **fields)
                    for question, choices in lesson_plan.questions:
                        services.save_question(
                            lesson=lesson, fields=question, choices=choices
                        )
    except BaseException:
        if written:
            default_storage.delete(written)
        raise
    return course


def import_course(upload: IO[bytes], *, user: User | None) -> Course:
    """Create a new draft course from an archive, or refuse it whole."""
    with ExitStack() as stack:
        try:
            archive = stack.enter_context(zipfile.ZipFile(upload))
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise _refuse(_("The file could not be read as a ZIP archive.")) from None
        plan = read_plan(_Archive(archive, stack))
        return _create(plan, user)
