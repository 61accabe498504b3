"""The link to an event's or a course's discussion, shown in the "Take
part" box of its page (``cities.related``, pages "event" and "course") to
those who may enter the space (``participants``); nobody else sees it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .participants import may_enter_course, may_enter_event

TEMPLATE = "community/includes/space_link.html"


def event_discussion(*, obj: Any, user: Any) -> RelatedSection | None:
    if not may_enter_event(user, obj):
        return None
    label = _("Discussion for participants")
    return RelatedSection(
        heading=label,
        template=TEMPLATE,
        context={
            "url": reverse("community:event_space", args=[obj.slug]),
            "label": label,
        },
    )


def course_discussion(*, obj: Any, user: Any) -> RelatedSection | None:
    if not may_enter_course(user, obj):
        return None
    label = _("Discussion for learners")
    return RelatedSection(
        heading=label,
        template=TEMPLATE,
        context={
            "url": reverse("community:course_space", args=[obj.slug]),
            "label": label,
        },
    )


def register_sections() -> None:
    register("event", event_discussion)
    register("course", course_discussion)
