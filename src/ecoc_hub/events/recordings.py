"""Recordings and materials of an event become library resources.

An organiser adds a recording (audio or video, optionally with its WebVTT
transcript) or a document to a session or to the whole event. It goes
through the library's own services: the file checks of ``stage_upload``,
a record with the event's themes, host city, languages and the licence
chosen, and the library's moderation (a curator's upload is published at
once, anyone else's waits for a curator). The transcript's cues are indexed
with their times, so the search finds the moment a word is said. The
resource's page links back to the event (``cities.related``'s "resource"
page).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.related import RelatedSection, register
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.library import services as library
from ecoc_hub.library.enums import Access, ResourceType
from ecoc_hub.library.files import EXTENSIONS, StagedFile
from ecoc_hub.library.models import Resource
from ecoc_hub.library.permissions import can_moderate_resource

from . import permissions, timetable
from .enums import Visibility
from .models import Event, Session
from .programme import update_session

#: A stored file's kind (mp4, vtt, pdf) → its family (video, captions, document).
FAMILY_OF_KIND: dict[str, str] = dict(EXTENSIONS.values())


def _resource_type(kind: str) -> str:
    family = FAMILY_OF_KIND.get(kind)
    if family in {"audio", "video"}:
        return ResourceType.RECORDING
    if kind in {"pptx", "odp"}:
        return ResourceType.PRESENTATION
    return ResourceType.OTHER


def add_recording(
    *,
    event: Event,
    by: User,
    title: str,
    file: StagedFile,
    transcript: StagedFile | None = None,
    session: Session | None = None,
    abstract: str = "",
    languages: list[str],
    licence: str,
) -> Resource:
    """Deposit the file(s) as a library resource and link it to the session
    (which raises the session's SEQUENCE) or to the event."""
    if not permissions.can_manage_event(by, event):
        raise ActionRefused
    if session is not None and session.event_id != event.pk:
        raise ValueError("The session belongs to another event.")
    host = event.host_title
    moment = session.starts_at if session is not None else event.starts_at
    day = timetable.local(moment, event.zone).date()
    speakers = list(session.speakers.all()) if session is not None else []
    creators = [library.CreatorData(name=s.name) for s in speakers] or [
        library.CreatorData(
            name=str(host) if host else event.title, kind="organisation"
        )
    ]
    with transaction.atomic():
        resource = library.create_draft(
            owner=by,
            title=title,
            values={
                "abstract": abstract or event.summary,
                "resource_type": _resource_type(file.kind),
                "publication_year": day.year,
                "publication_date": day,
                "languages": languages,
                "countries": [host.city.country_code] if host else [],
                "licence": licence,
                "access": Access.PUBLIC,
                "publisher": _("ECoC Academy"),
            },
            creators=creators,
            capacity_areas=list(event.capacity_areas.all()),
            titles=[host] if host else [],
        )
        is_media = FAMILY_OF_KIND.get(file.kind) in {"audio", "video"}
        library.add_file(
            resource=resource,
            staged=file,
            uploaded_by=by,
            label=_("Recording") if is_media else "",
        )
        if transcript is not None:
            library.add_file(
                resource=resource,
                staged=transcript,
                uploaded_by=by,
                label=_("Transcript"),
            )
        if can_moderate_resource(by, resource):
            library.publish_directly(resource=resource, curator=by)
        else:
            library.submit_for_review(resource=resource, user=by)
        if session is not None:
            update_session(
                session=session, materials=[*session.materials.all(), resource]
            )
        else:
            event.materials.add(resource)
    resource.refresh_from_db()
    return resource


def events_for_resource(*, obj: Any, user: Any) -> RelatedSection | None:
    """On a library resource's page: the events it was recorded at or made for."""
    events = (
        Event.objects.exclude(visibility=Visibility.DRAFT)
        .filter(pk__in=_event_ids(obj))
        .order_by("-starts_at")
    )
    found = list(events)
    if not found:
        return None
    return RelatedSection(
        heading=_("From the Academy"),
        template="events/includes/related_events.html",
        context={"events": found, "total": len(found), "list_url": ""},
        order=40,
    )


def _event_ids(resource: Resource) -> set[int]:
    direct = set(resource.academy_events.values_list("pk", flat=True))
    via_sessions = set(resource.event_sessions.values_list("event_id", flat=True))
    return direct | via_sessions


def register_sections() -> None:
    register("resource", events_for_resource)
