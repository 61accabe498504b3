"""The courses' REST operations (mounted under /api/v1/ by ecoc_hub.api):
the catalogue and each course's outline. Read only; lessons' text stays on
the site, for enrolled learners."""

# django-ninja declares query parameters as Query(...) defaults.

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from ecoc_hub.api.auth import READ, caller
from ecoc_hub.api.paging import PageMeta, page_number, page_size, paged
from ecoc_hub.api.problems import ERRORS
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import get_for_user

from . import permissions, queries
from .enums import Level, Mode

router = Router(tags=["courses"])


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    state: str
    mode: str
    starts_on: date | None
    ends_on: date | None
    level: str
    estimated_hours: int
    languages: list[str]
    capacity_areas: list[str]
    licence: str
    enrolment_policy: str
    published_at: datetime | None
    url: str


class CoursePage(PageMeta):
    results: list[CourseOut]


class LessonOut(Schema):
    id: int
    title: str
    kind: str
    minutes: int
    required: bool


class ModuleOut(Schema):
    title: str
    summary: str
    lessons: list[LessonOut]


class OutlineOut(CourseOut):
    modules: list[ModuleOut]


def _course_out(course: Any) -> dict[str, Any]:
    return {
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "state": course.state,
        "mode": course.mode,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "level": course.level,
        "estimated_hours": course.estimated_hours,
        "languages": course.languages,
        "capacity_areas": [a.code for a in course.capacity_areas.all()],
        "licence": course.licence,
        "enrolment_policy": course.enrolment_policy,
        "published_at": course.published_at,
        "url": absolute(course.get_absolute_url()),
    }


@router.get(
    "/courses",
    response={200: CoursePage, **ERRORS},
    auth=READ,
    url_name="courses",
    summary="Courses: self-paced and cohort",
)
def list_courses(
    request: HttpRequest,
    response: HttpResponse,
    mode: str | None = Query(None, pattern="^(" + "|".join(Mode.values) + ")$"),
    level: str | None = Query(None, pattern="^(" + "|".join(Level.values) + ")$"),
    area: str | None = Query(None, description="A capacity area's code"),
    page: int = page_number(),
    per_page: int = page_size(),
) -> Any:
    courses = queries.course_cards(caller(request)).order_by("title", "pk")
    if mode:
        courses = courses.filter(mode=mode)
    if level:
        courses = courses.filter(level=level)
    if area:
        courses = courses.filter(capacity_areas__code=area)
    return paged(request, response, courses, page, per_page, _course_out)


@router.get(
    "/courses/{slug}",
    response={200: OutlineOut, **ERRORS},
    auth=READ,
    url_name="course",
    summary="One course with its modules and lessons",
)
def get_course(request: HttpRequest, slug: str) -> Any:
    course = get_for_user(
        queries.course_cards(caller(request)),
        caller(request),
        can_see=permissions.can_see_course,
        hidden="No such course.",
        slug=slug,
    )
    return {
        **_course_out(course),
        "modules": [
            {
                "title": module.title,
                "summary": module.summary,
                "lessons": [
                    {
                        "id": lesson.pk,
                        "title": lesson.title,
                        "kind": lesson.kind,
                        "minutes": lesson.minutes,
                        "required": lesson.is_required,
                    }
                    for lesson in module.lessons.all()
                ],
            }
            for module in queries.outline(course)
        ],
    }
