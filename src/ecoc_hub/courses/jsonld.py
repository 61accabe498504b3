"""schema.org ``Course`` JSON-LD for a course's page."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString

from ecoc_hub.core.jsonld import jsonld_script
from ecoc_hub.core.links import absolute
from ecoc_hub.core.markdown import plain_text

from .enums import Mode
from .models import Course

_LICENCES = {
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc-by-nc-sa-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "cc-by-nd-4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "cc-by-nc-nd-4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "pdm-1.0": "https://creativecommons.org/publicdomain/mark/1.0/",
}


def course_data(course: Course) -> dict[str, Any]:
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": "online",
        "courseWorkload": f"PT{course.estimated_hours}H",
    }
    if course.mode == Mode.COHORT:
        instance["startDate"] = course.starts_on
        instance["endDate"] = course.ends_on
    return {
        "@type": "Course",
        "@id": absolute(course.get_absolute_url()),
        "url": absolute(course.get_absolute_url()),
        "name": course.title,
        "description": course.summary or plain_text(course.description),
        "inLanguage": list(course.languages),
        "educationalLevel": course.get_level_display(),
        "license": _LICENCES.get(course.licence, ""),
        "isAccessibleForFree": True,
        "about": [a.display_name for a in course.capacity_areas.all()],
        "provider": {"@type": "Organization", "name": "ECoC Hub"},
        "instructor": [
            {"@type": "Person", "name": t.display_name}
            for t in course.trainers.all()
            if t.display_name
        ],
        "hasCourseInstance": [instance],
    }


def course_jsonld(course: Course) -> SafeString:
    return jsonld_script(course_data(course))
