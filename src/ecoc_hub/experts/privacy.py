"""The experts app's part of a person's data export and account deletion.

Export: the expert profile, every application (with its history and ECoC
experience; the CV as the file name, its content is the person's own
upload), conflicts declared and the reviews written (scores included).

Export also holds the pool profile (with its calendar), the messages the
person sent to pool experts through the contact form, and their support
requests, assignments, messages and feedback (``support_privacy``).

Deletion: the expert profile, its pool profile (and its search document)
and its applications go; each CV's stored file is deleted too, unless
something else uses the same content (blobs are content-addressed and
shared).
A reviewer's reviews stay, anonymous (``Review.reviewer`` is emptied), so
the ranking and the round statistics do not change; their conflicts go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import get_valid_filename

from ecoc_hub.accounts.models import User
from ecoc_hub.accounts.privacy import PersonalFile
from ecoc_hub.library.models import Blob
from ecoc_hub.search.services import remove_document

from .models import Application, Conflict, ExpertProfile, Review
from .pool_models import PoolContact, PoolExpert
from .search_index import KIND
from .support_enums import AssignmentState
from .support_models import AssignmentEvent, SupportAssignment
from .support_privacy import export_support_data


def export_experts_data(user: User) -> dict[str, Any]:
    site = settings.SITE_URL
    profile = ExpertProfile.objects.filter(user=user).first()
    applications = []
    if profile is not None:
        for a in Application.objects.filter(expert=profile).select_related(
            "call", "round"
        ):
            applications.append(
                {
                    "call": a.call.title,
                    "state": a.state,
                    "round": a.round.number if a.round else None,
                    "url": site + a.get_absolute_url(),
                    "profiles": a.profiles,
                    "languages": a.languages,
                    "countries": a.countries,
                    "years_sector": a.years_sector,
                    "years_consultancy": a.years_consultancy,
                    "years_ecoc_team": a.years_ecoc_team,
                    "motivation": a.motivation,
                    "references": a.references,
                    "availability": a.availability,
                    "cv": a.cv_name,
                    "submitted_at": a.submitted_at.isoformat()
                    if a.submitted_at
                    else None,
                    "ecoc_experience": [
                        {"title": str(e.title), "role": e.role, "years": e.years}
                        for e in a.ecoc_experience.select_related("title__city")
                    ],
                    "history": [e.exported() for e in a.events.all()],
                }
            )
    reviews = [
        {
            # Blind: the reference, never the applicant's name.
            "application": r.application.reference,
            "call": r.application.call.title,
            "recommendation": r.recommendation,
            "comment": r.comment,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            "scores": {s.category.name: s.value for s in r.scores.all()},
        }
        for r in Review.objects.filter(reviewer=user)
        .select_related("application__call")
        .prefetch_related("scores__category")
    ]
    conflicts = [
        {"application": c.application.reference, "reason": c.reason}
        for c in Conflict.objects.filter(reviewer=user).select_related("application")
    ]
    return {
        "profile": {"full_name": profile.full_name, "country": profile.country}
        if profile
        else None,
        "pool_profile": _pool_profile(user),
        "messages_to_experts": [
            {
                "expert": c.expert.expert.full_name,
                "team": c.team.name,
                "message": c.message,
                "sent_at": c.sent_at.isoformat(),
            }
            for c in PoolContact.objects.filter(sender=user).select_related(
                "expert__expert", "team"
            )
        ],
        "applications": applications,
        "reviews": reviews,
        "conflicts_declared": conflicts,
        "support": export_support_data(user),
    }


def _pool_profile(user: User) -> dict[str, Any] | None:
    entry = (
        PoolExpert.objects.filter(expert__user=user)
        .prefetch_related("capacity_areas", "availability")
        .first()
    )
    if entry is None:
        return None
    return {
        "url": settings.SITE_URL + entry.get_absolute_url(),
        "is_listed": entry.is_listed,
        "headline": entry.headline,
        "bio": entry.bio,
        "bio_language": entry.bio_language,
        "profiles": entry.profiles,
        "capacity_areas": [a.code for a in entry.capacity_areas.all()],
        "languages": entry.languages,
        "countries": entry.countries,
        "day_rate": entry.day_rate,
        "show_email": entry.show_email,
        "show_photo": entry.show_photo,
        "show_experience": entry.show_experience,
        "confirmed_at": entry.confirmed_at.isoformat(),
        "availability": [
            {
                "from": p.starts_on.isoformat(),
                "until": p.ends_on.isoformat(),
                "note": p.note,
            }
            for p in entry.availability.all()
        ],
        "messages_received": [
            {
                "from_team": c.team.name,
                "message": c.message,
                "sent_at": c.sent_at.isoformat(),
            }
            for c in entry.contacts.select_related("team")
        ],
    }


def experts_files_of(user: User) -> Iterator[PersonalFile]:
    """The CVs the person uploaded with their applications, for their ZIP."""
    site = settings.SITE_URL
    for a in (
        Application.objects.filter(expert__user=user)
        .exclude(cv=None)
        .select_related("cv", "call")
        .order_by("created_at", "pk")
    ):
        blob = a.cv
        if blob is None:  # excluded above; this tells the type checker
            continue
        name = get_valid_filename(a.cv_name or "cv.pdf")
        yield PersonalFile(
            path=f"experts/{a.uuid}/{name}",
            storage_name=blob.storage_name,
            size=blob.size,
            sha256=blob.sha256,
            about={
                "file_name": a.cv_name,
                "what": "CV",
                "call": a.call.title,
                "application": site + a.get_absolute_url(),
            },
        )


def erase_experts_data(user: User, **_options: Any) -> None:
    Review.objects.filter(reviewer=user).update(reviewer=None)
    Conflict.objects.filter(reviewer=user).delete()
    PoolContact.objects.filter(sender=user).delete()
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        return
    for entry_id in PoolExpert.objects.filter(expert=profile).values_list(
        "pk", flat=True
    ):
        remove_document(kind=KIND, object_id=entry_id)
    _leave_support_work(profile)
    applications = Application.objects.filter(expert=profile)
    cv_ids = set(applications.exclude(cv=None).values_list("cv_id", flat=True))
    applications.delete()
    profile.delete()
    for blob in Blob.objects.filter(pk__in=cv_ids):
        _delete_if_unused(blob)


def _leave_support_work(profile: ExpertProfile) -> None:
    """The team keeps its record of the work: the assignment, its history,
    thread and feedback stay, without the expert (the profile's deletion
    empties ``expert``). An invitation never taken up leaves nothing worth
    keeping; agreed or started work cannot go on, and is cancelled."""
    assignments = SupportAssignment.objects.filter(expert=profile)
    assignments.filter(state=AssignmentState.INVITED).delete()
    ongoing = [AssignmentState.AGREED, AssignmentState.IN_PROGRESS]
    for assignment in assignments.filter(state__in=ongoing):
        AssignmentEvent.objects.create(
            assignment=assignment,
            action="cancel",
            actor=None,
            from_state=assignment.state,
            to_state=AssignmentState.CANCELLED,
        )
        assignment.state = AssignmentState.CANCELLED
        assignment.save(update_fields=["state", "updated_at"])


def _delete_if_unused(blob: Blob) -> None:
    """Delete the CV's row, and its file once the deletion is committed; a
    blob something else still points at (PROTECT) stays."""
    name = blob.storage_name
    try:
        with transaction.atomic():
            blob.delete()
    except ProtectedError:
        return
    transaction.on_commit(lambda: default_storage.delete(name))
