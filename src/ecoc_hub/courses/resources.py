"""Library-resource lessons: which resources may be embedded, and the PDF a
lesson opens.

A lesson embeds a resource only while learners may read it: published, not
under embargo, and open to every member (public or members-only). A
resource restricted to named teams, or one later unpublished or embargoed,
is not shown; the lesson says so instead.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecoc_hub.library.models import Resource, ResourceFile
from ecoc_hub.library.permissions import can_download_files


def lesson_pdf(resource: Resource) -> ResourceFile | None:
    return (
        resource.files.filter(kind=ResourceFile.Kind.PDF, is_current=True)
        .order_by("position", "pk")
        .first()
    )


def resource_problem(resource: Resource) -> str:
    """Why learners could not read the resource in a lesson ("" if they can)."""
    if resource.state != Resource.State.PUBLISHED:
        return _("This resource is not published: learners could not see it.")
    if resource.is_embargoed and resource.embargo_until:
        return _(
            "This resource is under embargo until %(date)s: learners could not "
            "read it before then."
        ) % {"date": date_format(resource.embargo_until)}
    if resource.access == Resource.Access.RESTRICTED:
        return _(
            "This resource is restricted to named city teams: not every learner "
            "could read it."
        )
    if lesson_pdf(resource) is None:
        return _("This resource has no PDF file to show.")
    return ""


def shown_pdf(user: Any, resource: Resource | None) -> ResourceFile | None:
    """The PDF to show this reader, None if the resource is not readable."""
    if resource is None or resource_problem(resource):
        return None
    if not can_download_files(user, resource):
        return None
    return lesson_pdf(resource)
