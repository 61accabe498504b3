"""Courses on a capacity area, offered to the self-assessment's
recommendations (``cities.offers``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.cities.offers import Offer, register

from . import permissions
from .enums import CourseState
from .queries import visible_courses


def courses_on(*, area: Any, user: Any, limit: int) -> list[Offer]:
    courses = (
        visible_courses(user)
        .filter(state=CourseState.PUBLISHED, capacity_areas=area)
        .prefetch_related("capacity_areas")
        .order_by("-published_at", "pk")[: limit * 3]
    )
    found = []
    for course in courses:
        if course.has_ended():
            continue
        hours = ngettext(
            "%(hours)s hour", "%(hours)s hours", course.estimated_hours
        ) % {"hours": course.estimated_hours}
        if course.is_cohort:
            reason = _(
                "A course with a cohort on %(area)s, about %(hours)s of study."
            ) % {"area": area.display_name, "hours": hours}
        else:
            reason = _("A self-paced course on %(area)s, about %(hours)s of study.") % {
                "area": area.display_name,
                "hours": hours,
            }
        open_to_user = permissions.may_enrol(user, course)
        found.append(
            Offer(
                kind="course",
                key=str(course.uuid),
                title=course.title,
                url=course.get_absolute_url(),
                reason=reason,
                specificity=1 / max(1, len(course.capacity_areas.all())),
                quality=0.9 if open_to_user else 0.5,
                detail=f"{course.get_level_display()} · {hours}",
            )
        )
    return found[:limit]


def register_offers() -> None:
    register("course", courses_on)
