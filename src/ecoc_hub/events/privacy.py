"""A person's applications in their data export, and what happens to them
when the account is deleted (registered with ``accounts.privacy``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.text import get_valid_filename

from ecoc_hub.accounts.privacy import ContributionChoice, PersonalFile, stored_size
from ecoc_hub.core import metrics

from .models import Answer, Application, CalendarFeed, FollowUp, Speaker
from .services import delete_unused_files

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def event_files_of(user: User) -> Iterator[PersonalFile]:
    """The files the person uploaded as answers to application questions."""
    answers = (
        Answer.objects.filter(application__applicant=user)
        .exclude(file="")
        .select_related("application__event", "question")
        .order_by("application__submitted_at", "application__pk", "question__pk")
    )
    for answer in answers:
        stored = answer.file.name or ""
        name = get_valid_filename(answer.file_name or posixpath.basename(stored))
        yield PersonalFile(
            path=f"events/{answer.application.uuid}/{answer.question_id}-{name}",
            storage_name=stored,
            size=stored_size(answer.file),
            sha256=answer.file_sha256 or None,
            about={
                "file_name": answer.file_name,
                "what": "application answer",
                "event": answer.application.event.title,
                "question": answer.question.label,
            },
        )


def export_event_data(user: User) -> dict[str, Any]:
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("event", "title__city")
        .prefetch_related("answers__question", "history")
        .order_by("submitted_at")
    )
    rows = []
    for application in applications:
        follow_up = FollowUp.objects.filter(application=application).first()
        rows.append(
            {
                "event": application.event.title,
                "url": settings.SITE_URL + application.event.get_absolute_url(),
                "name": application.name,
                "title_city": str(application.title) if application.title else "",
                "organisation": application.organisation,
                "country": application.country,
                "role": application.role,
                "languages": application.languages,
                "state": application.state,
                "offer": application.offer_state,
                "submitted_at": application.submitted_at.isoformat(),
                "answers": [
                    {
                        "question": answer.question.label,
                        "answer": answer.value,
                        "file": answer.file_name,
                    }
                    for answer in application.answers.all()
                ],
                "follow_up": follow_up
                and {
                    "travel": follow_up.travel,
                    "dietary_needs": follow_up.dietary_needs,
                    "accessibility_needs": follow_up.accessibility_needs,
                    "photo_consent": follow_up.photo_consent,
                },
                "history": [h.exported() for h in application.history.all()],
            }
        )
    return {
        "applications": rows,
        "organised_events": [e.title for e in user.organised_events.order_by("pk")],
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def erase_event_data(user: User, *, contributions: ContributionChoice) -> None:
    """Applications are personal data, not contributions: their personal
    fields, answers and follow-ups go in every case; the anonymous rows stay
    for the events' counts. A speaker profile tied to the account loses the
    tie (its public bio is a contribution, kept or removed as chosen)."""
    applications = Application.objects.filter(applicant=user)
    answers = Answer.objects.filter(application__in=applications)
    files = list(answers.exclude(file="").values_list("file", flat=True))
    answers.delete()
    transaction.on_commit(partial(delete_unused_files, files))
    FollowUp.objects.filter(application__in=applications).delete()
    applications.update(
        applicant=None,
        name="",
        organisation="",
        languages=[],
        personal_data_purged=True,
    )
    metrics.changed("events")
    CalendarFeed.objects.filter(user=user).delete()
    user.organised_events.clear()
    speakers = Speaker.objects.filter(user=user)
    if contributions == ContributionChoice.REMOVE:
        speakers.update(is_public=False, bio="", user=None)
    else:
        speakers.update(user=None)
