"""Courses listed on capacity area pages (cities.related)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .enums import CourseState
from .models import Course

LIMIT = 8


def courses_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    courses = Course.objects.filter(capacity_areas=obj, state=CourseState.PUBLISHED)
    total = courses.count()
    if not total:
        return None
    return RelatedSection(
        heading=_("Courses"),
        template="courses/includes/related_courses.html",
        context={
            "courses": list(courses.order_by("title")[:LIMIT]),
            "total": total,
            "list_url": f"{reverse('courses:list')}?area={obj.code}",
        },
        order=45,
    )


def register_sections() -> None:
    register("capacity_area", courses_for_capacity_area)
