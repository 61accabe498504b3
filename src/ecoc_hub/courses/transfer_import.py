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
import zipfile
import zlib
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.library.enums import Licence
from ecoc_hub.library.models import Resource

from . import media, services
from .assignments import save_rubric
from .covers import MAX_COVER_BYTES, CleanCover, clean_cover
from .enums import (
    COMPLETION_OF_KIND,
    AnswerType,
    EnrolmentPolicy,
    LessonKind,
    Level,
    Mode,
    ReviewMode,
)
from .models import Course, Lesson
from .resources import resource_problem
from .transfer import FORMAT, MANIFEST, VERSION
from .transfer_archive import (
    Archive,
    choice_field,
    date_field,
    flag_field,
    list_field,
    mapping,
    missing,
    model_errors,
    number_field,
    refuse,
    text_field,
)
from .transfer_parts import read_question, read_rubric

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

# --- The plan: what will be created -----------------------------------------------


@dataclass
class LessonPlan:
    fields: dict[str, Any]
    questions: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(
        default_factory=list
    )
    checked: media.CheckedMedia | None = None
    captions: tuple[str, list[dict[str, Any]]] | None = None
    rubric: list[dict[str, Any]] | None = None


@dataclass
class ModulePlan:
    title: str
    summary: str
    lessons: list[LessonPlan]
    dates: dict[str, Any] = field(default_factory=dict)


@dataclass
class CoursePlan:
    fields: dict[str, Any]
    areas: list[CapacityArea]
    cover: CleanCover | None
    modules: list[ModulePlan]
    prerequisites: list[str] = field(default_factory=list)


def _resource(data: Any, where: str) -> Resource:
    data = mapping(data, where)
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
        raise refuse(
            _(
                "%(where)s: the library here has no resource %(identifier)s. "
                "Add it to the library first, or remove the lesson."
            ),
            where=where,
            identifier=" / ".join(str(v) for v in (doi, uuid, data.get("title")) if v),
        )
    problem = resource_problem(found)
    if problem:
        raise refuse(
            _(
                "%(where)s: the library resource “%(title)s” cannot be "
                "shown: %(problem)s"
            ),
            where=where,
            title=found.title,
            problem=problem,
        )
    return found


def _lesson(data: Any, where: str, files: Archive) -> LessonPlan:
    data = mapping(data, where)
    kind = LessonKind(choice_field(data, "kind", where, LessonKind))
    completion = data.get("completion", COMPLETION_OF_KIND[kind])
    if completion != COMPLETION_OF_KIND[kind]:
        raise refuse(
            _(
                "%(where)s: the completion “%(value)s” does not fit this "
                "kind of lesson."
            ),
            where=where,
            value=completion,
        )
    fields: dict[str, Any] = {
        "kind": kind,
        "title": text_field(data, "title", where),
        "minutes": number_field(data, "minutes", where, default=10, low=1, high=600),
        "is_required": flag_field(data, "required", where, default=True),
        "completion": completion,
        "body": files.text(data["body"], where) if data.get("body") else "",
    }
    plan = LessonPlan(fields=fields)
    if kind == LessonKind.QUIZ:
        fields["pass_mark"] = number_field(
            data, "pass_mark", where, default=70, low=1, high=100
        )
        fields["attempts_allowed"] = number_field(
            data, "attempts_allowed", where, default=0, low=0, high=100
        )
        fields["shuffle"] = flag_field(data, "shuffle", where, default=True)
        plan.questions = [
            read_question(
                q, _("%(lesson)s, question %(n)s") % {"lesson": where, "n": n}
            )
            for n, q in enumerate(list_field(data, "questions", where), start=1)
        ]
    elif kind == LessonKind.MEDIA:
        if not data.get("media"):
            raise missing(where, "media")
        if not data.get("captions"):
            raise missing(where, "captions")
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
            raise refuse(
                "%(where)s: %(problem)s", where=where, problem=" ".join(error.messages)
            ) from None
    elif kind == LessonKind.ASSIGNMENT:
        fields["answer_type"] = choice_field(
            data, "answer_type", where, AnswerType, default=AnswerType.TEXT
        )
        fields["review_mode"] = choice_field(
            data, "review_mode", where, ReviewMode, default=ReviewMode.TRAINER
        )
        fields["pass_mark"] = number_field(
            data, "pass_mark", where, default=70, low=1, high=100
        )
        plan.rubric = read_rubric(data, where)
    elif kind == LessonKind.RESOURCE:
        fields["resource"] = _resource(data.get("resource"), where)
        fields["resource_page"] = number_field(
            data, "page", where, default=1, low=1, high=100000
        )
    try:
        Lesson(**fields).clean_fields(exclude=["module", "media"])
    except ValidationError as error:
        raise model_errors(where, Lesson, error) from None
    return plan


def _course_fields(
    data: Any, files: Archive
) -> tuple[dict[str, Any], list[CapacityArea], CleanCover | None]:
    where = _("The course")
    data = mapping(data, where)
    fields: dict[str, Any] = {
        "title": text_field(data, "title", where),
        "summary": text_field(data, "summary", where),
        "description": text_field(data, "description", where, required=False),
        "languages": list_field(data, "languages", where),
        "level": choice_field(data, "level", where, Level, default=Level.INTRODUCTORY),
        "estimated_hours": number_field(
            data, "estimated_hours", where, default=1, low=1, high=500
        ),
        "licence": choice_field(data, "licence", where, Licence, default=Licence.CC_BY),
        "mode": choice_field(data, "mode", where, Mode, default=Mode.SELF_PACED),
        "enrolment_policy": choice_field(
            data,
            "enrolment_policy",
            where,
            EnrolmentPolicy,
            default=EnrolmentPolicy.OPEN,
        ),
        "starts_on": date_field(data, "starts_on", where),
        "ends_on": date_field(data, "ends_on", where),
    }
    codes = list_field(data, "capacity_areas", where)
    areas = list(CapacityArea.objects.filter(code__in=[str(c) for c in codes]))
    unknown = sorted({str(c) for c in codes} - {a.code for a in areas})
    if unknown:
        raise refuse(
            _("The course: the capacity area “%(code)s” does not exist here."),
            code=unknown[0],
        )
    try:
        Course(slug="imported", **fields).full_clean(exclude=["slug"])
    except ValidationError as error:
        raise model_errors(where, Course, error) from None
    cover = None
    if data.get("cover"):
        content = files.read(data["cover"], where, MAX_COVER_BYTES)
        try:
            cover = clean_cover(io.BytesIO(content), len(content))
        except ValidationError as error:
            raise refuse(
                "%(where)s: %(problem)s",
                where=where,
                problem=" ".join(str(m) for m in error.messages),
            ) from None
        fields["cover_alt"] = text_field(data, "cover_alt", where)
    return fields, areas, cover


def read_plan(files: Archive) -> CoursePlan:
    if MANIFEST not in files.members:
        raise refuse(_("The archive has no course.yaml: it is not a course export."))
    try:
        manifest = yaml.safe_load(files.text(MANIFEST, MANIFEST))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise refuse(
            _("course.yaml is not valid YAML (line %(line)s)."),
            line=mark.line + 1 if mark else 1,
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(_("course.yaml is not a course export of this platform."))
    if manifest.get("version") != VERSION:
        raise refuse(
            _(
                "course.yaml is in format version %(version)s; this platform "
                "reads version %(supported)s."
            ),
            version=manifest.get("version"),
            supported=VERSION,
        )
    fields, areas, cover = _course_fields(manifest.get("course"), files)
    modules = []
    for number, raw in enumerate(
        list_field(manifest, "modules", "course.yaml"), start=1
    ):
        where = _("Module %(n)s") % {"n": number}
        raw = mapping(raw, where)
        title = text_field(raw, "title", where)
        summary = text_field(raw, "summary", where, required=False)
        if len(title) > 200 or len(summary) > 1000:
            raise refuse(
                _("%(where)s: the title or the summary is too long."), where=where
            )
        lessons = [
            _lesson(
                item,
                _("Module %(module)s, lesson %(lesson)s")
                % {"module": number, "lesson": n},
                files,
            )
            for n, item in enumerate(list_field(raw, "lessons", where), start=1)
        ]
        modules.append(
            ModulePlan(title, summary, lessons, dates=_module_dates(raw, where))
        )
    return CoursePlan(
        fields=fields,
        areas=areas,
        cover=cover,
        modules=modules,
        prerequisites=_prerequisites(manifest.get("course")),
    )


# --- Writing ------------------------------------------------------------------------


def _create(plan: CoursePlan, user: User | None) -> Course:
    written = ""
    try:
        with media.atomic_with_media():
            course = services.create_course(
                creator=user,
                trainers=[user] if user is not None else [],
                capacity_areas=plan.areas,
                prerequisites=Course.objects.filter(slug__in=plan.prerequisites),
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
                    course=course,
                    title=module_plan.title,
                    summary=module_plan.summary,
                    **module_plan.dates,
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
                    if lesson_plan.rubric is not None:
                        save_rubric(lesson=lesson, criteria=lesson_plan.rubric)
                    for question, choices in lesson_plan.questions:
                        services.save_question(
                            lesson=lesson, fields=question, choices=choices
                        )
    except BaseException:
        if written:
            default_storage.delete(written)
        raise
    return course


def import_course(
    upload: IO[bytes], *, user: User | None, unlinked: list[str] | None = None
) -> Course:
    """Create a new draft course from an archive, or refuse it whole; the
    slugs of the prerequisites not found here are added to ``unlinked``."""
    with ExitStack() as stack:
        try:
            archive = stack.enter_context(zipfile.ZipFile(upload))
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise refuse(_("The file could not be read as a ZIP archive.")) from None
        plan = read_plan(Archive(archive, stack))
        course = _create(plan, user)
    if unlinked is not None:
        found = set(course.prerequisites.values_list("slug", flat=True))
        unlinked.extend(s for s in plan.prerequisites if s not in found)
    return course


# --- Cohorts and links (issue 14) ----------------------------------------------


def _module_dates(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """A cohort module's release and due days (``transfer._module_dates``)."""
    dates: dict[str, Any] = {}
    for key in ("opens_after_days", "due_after_days"):
        if raw.get(key) is not None:
            dates[key] = number_field(raw, key, where, default=0, low=0, high=3650)
    opens_on = date_field(raw, "opens_on", where)
    if opens_on is not None:
        dates["opens_on"] = opens_on
    if "opens_on" in dates and "opens_after_days" in dates:
        raise refuse(
            _("%(where)s: give “opens_after_days” or “opens_on”, not both."),
            where=where,
        )
    return dates


def _prerequisites(data: Any) -> list[str]:
    """The prerequisites' slugs; the authors' names are informational only."""
    if not isinstance(data, dict):
        return []
    slugs = list_field(data, "prerequisites", _("The course"))
    return [str(slug) for slug in slugs if isinstance(slug, str | int)]
