"""Courses in the site search: one document per published or archived
course, with its description and each lesson's text as passages (a hit in a
lesson links to the lesson)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.markdown import plain_text
from ecoc_hub.search.registry import register_facet, register_indexer
from ecoc_hub.search.services import Passage, index_document, remove_document

from .content import lesson_text
from .enums import CourseState
from .media import clock
from .models import Course, Lesson

KIND = "courses.course"
TYPE = "course"
INDEXED_LANGUAGES = {"en", "fr", "de"}


GROUP_SECONDS = 30.0


def _transcript_passages(lesson: Lesson, language: str) -> list[Passage]:
    groups: list[tuple[float, str, list[str]]] = []
    for cue in lesson.captions_cues:
        speaker = cue["speaker"]
        if (
            groups
            and groups[-1][1] == speaker
            and cue["start"] - groups[-1][0] < GROUP_SECONDS
        ):
            groups[-1][2].append(cue["text"])
        else:
            groups.append((cue["start"], speaker, [cue["text"]]))
    url = lesson.get_absolute_url()
    return [
        Passage(
            text=" ".join([f"{speaker}:" if speaker else "", *lines]).strip(),
            language=language,
            locator=f"t={int(start)}",
            label=f"{lesson.title[:60]} · {clock(start)}",
            target_url=f"{url}?t={int(start)}#player",
        )
        for start, speaker, lines in groups
    ]


def _language(course: Course) -> str:
    found = [code for code in course.languages if code in INDEXED_LANGUAGES]
    return found[0] if found else "en"


def index_course(course: Course) -> None:
    """Index a public course; remove a draft from the index."""
    if course.state == CourseState.DRAFT:
        remove_document(kind=KIND, object_id=course.pk)
        return
    language = _language(course)
    description = plain_text(course.description)
    trainers = ", ".join(
        t.display_name for t in course.trainers.all() if t.display_name
    )
    passages = [
        Passage(
            text=" ".join(
                p
                for p in [f"{course.title}.", course.summary, description, trainers]
                if p
            ),
            language=language,
            weight=2.0,
        )
    ]
    lessons = Lesson.objects.filter(module__course=course).select_related("module")
    for lesson in lessons:
        passages.append(
            Passage(
                text=" ".join(
                    p for p in [f"{lesson.title}.", lesson_text(lesson.body)] if p
                ),
                language=language,
                label=lesson.title[:80],
                target_url=lesson.get_absolute_url(),
            )
        )
        if lesson.is_media:
            passages.extend(_transcript_passages(lesson, language))
    index_document(
        kind=KIND,
        object_id=course.pk,
        title=course.title,
        url=course.get_absolute_url(),
        summary=course.summary[:300],
        language=language,
        access="public",
        allowed_organisation_ids=[],
        published=course.published_at,
        popularity=course.enrolments.count(),
        facets={
            "type": [TYPE],
            "capacity_area": [a.code for a in course.capacity_areas.all()],
            "language": [language],
            "access": ["public"],
        },
        passages=passages,
    )


def _public_courses() -> Iterator[Course]:
    for course in Course.objects.exclude(state=CourseState.DRAFT).order_by("pk"):
        index_course(course)
        yield course


register_indexer(
    KIND,
    _public_courses,
    label=_("Course"),
    count=lambda: Course.objects.exclude(state=CourseState.DRAFT).count(),
)


def _type_labels(values: list[str]) -> dict[str, str]:
    return {TYPE: gettext("Course")} if TYPE in values else {}


register_facet("type", _("Type"), _type_labels)
