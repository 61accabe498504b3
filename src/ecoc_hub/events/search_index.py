"""Events in the site search: one document per published or archived event,
with its description and its programme (session titles, descriptions and
public speakers) as passages."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.markdown import plain_text
from ecoc_hub.search.registry import register_facet, register_indexer
from ecoc_hub.search.services import Passage, index_document, remove_document

from .enums import Visibility
from .models import Event

KIND = "events.event"
TYPE = "event"


def index_event(event: Event) -> None:
    """Index a public event; remove a draft from the index."""
    if event.visibility == Visibility.DRAFT:
        remove_document(kind=KIND, object_id=event.pk)
        return
    language = (event.languages or ["en"])[0]
    language = language if language in {"en", "fr", "de"} else "en"
    title = event.host_title
    places = ""
    if title is not None:
        places = " ".join(f"{name} {title.year}" for name in title.city.all_names)
    description = plain_text(event.description)
    passages = [
        Passage(
            text=" ".join(
                p for p in [f"{event.title}.", event.summary, description, places] if p
            ),
            language=language,
            weight=2.0,
        )
    ]
    for session in event.sessions.prefetch_related("speakers"):
        speakers = ", ".join(s.name for s in session.speakers.all() if s.is_public)
        passages.append(
            Passage(
                text=" ".join(
                    p
                    for p in [session.title, plain_text(session.description), speakers]
                    if p
                ),
                language=language,
                label=session.title[:80],
                target_url=session.get_absolute_url(),
            )
        )
    index_document(
        kind=KIND,
        object_id=event.pk,
        title=event.title,
        url=event.get_absolute_url(),
        summary=(event.summary or description)[:300],
        language=language,
        access="public",
        allowed_organisation_ids=[],
        published=event.starts_at,
        popularity=0,
        facets={
            "type": [TYPE],
            "capacity_area": [a.code for a in event.capacity_areas.all()],
            "city": [title.city.slug] if title else [],
            "country": [title.city.country_code] if title else [],
            "year": [str(event.starts_at.year)],
            "language": [language],
            "access": ["public"],
        },
        passages=passages,
    )


def _public_events() -> Iterator[Event]:
    events = (
        Event.objects.exclude(visibility=Visibility.DRAFT)
        .select_related("host_title__city")
        .order_by("pk")
    )
    for event in events:
        index_event(event)
        yield event


register_indexer(
    KIND,
    _public_events,
    label=_("Event"),
    count=lambda: Event.objects.exclude(visibility=Visibility.DRAFT).count(),
)


def _type_labels(values: list[str]) -> dict[str, str]:
    return {TYPE: gettext("Event")} if TYPE in values else {}


register_facet("type", _("Type"), _type_labels)
